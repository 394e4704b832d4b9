package io.agentry.platform.control;

import jakarta.persistence.EntityManager;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Which database the persistence unit talks to, for the few statements (upserts) that each
 * database spells its own way.
 */
public final class Dialects {

    private Dialects() {
    }

    public static boolean isPostgresql(EntityManager em) {
        return em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof PostgreSQLDialect;
    }
}
