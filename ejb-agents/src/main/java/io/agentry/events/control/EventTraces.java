package io.agentry.events.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Reads stored traces for the streams, each read in its own short transaction, so a stream that
 * then waits for live events holds no database connection.
 */
@Stateless
public class EventTraces {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    EventLog log;

    public List<LifecycleEvent> ofTask(UUID taskId) {
        return log.ofTask(taskId);
    }

    public List<LifecycleEvent> ofSession(UUID sessionId) {
        return log.ofSession(sessionId);
    }

    /** Native, so the events component does not depend on the sessions component's entity. */
    public boolean sessionExists(UUID sessionId) {
        Number count = (Number) em.createNativeQuery("select count(*) from agent_sessions where id = ?1")
                .setParameter(1, sessionId)
                .getSingleResult();
        return count.longValue() > 0;
    }
}
