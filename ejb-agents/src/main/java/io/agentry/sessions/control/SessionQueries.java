package io.agentry.sessions.control;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.sessions.entity.AgentMessage;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.sessions.entity.SessionStatus;
import io.agentry.tasks.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads sessions for the API: one with its steps, filtered pages, and its agents' messages.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SessionQueries {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry agents;

    public record Page(List<AgentSession> sessions, long total) {
    }

    public Optional<AgentSession> find(UUID id) {
        return Optional.ofNullable(em.find(AgentSession.class, id));
    }

    /** The steps of the session, main plan first, each in the order it runs. */
    public List<Task> steps(UUID sessionId) {
        return em.createNamedQuery(Task.STEPS_OF_SESSION, Task.class).setParameter("sessionId", sessionId)
                .getResultList();
    }

    /** Newest first; {@code owner} null: everyone's. */
    public Page list(SessionStatus status, String owner, int limit, int offset) {
        String where = " where 1 = 1" + (status == null ? "" : " and s.status = :status")
                + (owner == null ? "" : " and s.userId = :owner");
        TypedQuery<AgentSession> page = em.createQuery("select s from AgentSession s" + where
                + " order by s.startedAt desc, s.id", AgentSession.class);
        TypedQuery<Long> count = em.createQuery("select count(s) from AgentSession s" + where, Long.class);
        if (status != null) {
            page.setParameter("status", status);
            count.setParameter("status", status);
        }
        if (owner != null) {
            page.setParameter("owner", owner);
            count.setParameter("owner", owner);
        }
        return new Page(page.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    /** Every session status with its number of sessions, zeros included. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (SessionStatus status : SessionStatus.values()) {
            counts.put(status.apiName(), 0L);
        }
        for (Object[] row : em.createQuery("select s.status, count(s) from AgentSession s group by s.status",
                Object[].class).getResultList()) {
            counts.put(((SessionStatus) row[0]).apiName(), (Long) row[1]);
        }
        return counts;
    }

    public List<AgentMessage> messages(UUID sessionId) {
        return em.createNamedQuery(AgentMessage.BY_SESSION, AgentMessage.class).setParameter("sessionId", sessionId)
                .getResultList();
    }

    /** Agent names by id, to show whom messages are from and to. */
    public Map<UUID, String> agentNames() {
        return agents.all().stream().collect(Collectors.toMap(Agent::id, Agent::name, (a, b) -> a));
    }
}
