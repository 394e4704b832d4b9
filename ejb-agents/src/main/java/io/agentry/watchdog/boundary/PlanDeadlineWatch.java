package io.agentry.watchdog.boundary;

import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.control.PlanExecution;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.sessions.entity.SessionStatus;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, hands the sessions past their deadline to {@link PlanExecution#expire}, one
 * transaction each. The deadline lives in the database, so it holds across restarts, and the
 * session lock makes each expiry happen once even with several instances watching.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PlanDeadlineWatch {

    private static final Logger LOG = Logger.getLogger(PlanDeadlineWatch.class.getName());
    private static final int BATCH = 100;

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    PlanExecution plans;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireOverdueSessions() {
        List<UUID> overdue = em.createNamedQuery(AgentSession.EXPIRED, UUID.class)
                .setParameter("running", SessionStatus.RUNNING)
                .setParameter("now", Timestamps.now())
                .setMaxResults(BATCH)
                .getResultList();
        for (UUID session : overdue) {
            try {
                plans.expire(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session " + session + " could not be expired now; next round retries", e);
            }
        }
    }
}
