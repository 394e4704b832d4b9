package io.agentry.tasks.control;

import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads tasks for the API: one by id, filtered pages, counts by status.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TaskQueries {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    /**
     * Filters for a listing; {@code null} fields do not filter ({@code owner} null: everyone's).
     * Creation times: from {@code createdSince} (inclusive) until {@code createdUntil} (exclusive).
     */
    public record Filter(TaskStatus status, String agent, UUID sessionId, String owner, Instant createdSince,
            Instant createdUntil) {
    }

    public record Page(List<Task> tasks, long total) {
    }

    public Optional<Task> find(UUID id) {
        return Optional.ofNullable(em.find(Task.class, id));
    }

    public List<Task> findAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Task.BY_IDS, Task.class).setParameter("ids", ids).getResultList();
    }

    /** Newest first. */
    public Page list(Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.status() != null) {
            where.append(" and t.status = :status");
        }
        if (filter.agent() != null) {
            where.append(" and t.agent.name = :agent");
        }
        if (filter.sessionId() != null) {
            where.append(" and t.sessionId = :sessionId");
        }
        if (filter.owner() != null) {
            where.append(" and t.owner = :owner");
        }
        if (filter.createdSince() != null) {
            where.append(" and t.createdAt >= :createdSince");
        }
        if (filter.createdUntil() != null) {
            where.append(" and t.createdAt < :createdUntil");
        }
        TypedQuery<Task> page = em.createQuery("select t from Task t join fetch t.agent" + where
                + " order by t.createdAt desc, t.id", Task.class);
        TypedQuery<Long> count = em.createQuery("select count(t) from Task t" + where, Long.class);
        for (TypedQuery<?> query : List.of(page, count)) {
            if (filter.status() != null) {
                query.setParameter("status", filter.status());
            }
            if (filter.agent() != null) {
                query.setParameter("agent", filter.agent());
            }
            if (filter.sessionId() != null) {
                query.setParameter("sessionId", filter.sessionId());
            }
            if (filter.owner() != null) {
                query.setParameter("owner", filter.owner());
            }
            if (filter.createdSince() != null) {
                query.setParameter("createdSince", filter.createdSince());
            }
            if (filter.createdUntil() != null) {
                query.setParameter("createdUntil", filter.createdUntil());
            }
        }
        List<Task> tasks = page.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page(new ArrayList<>(tasks), count.getSingleResult());
    }

    /** How many tasks completed at or after the instant: the throughput over a recent window. */
    public long completedSince(Instant since) {
        return em.createQuery("select count(t) from Task t where t.status = :completed and t.completedAt >= :since",
                Long.class)
                .setParameter("completed", TaskStatus.COMPLETED)
                .setParameter("since", since)
                .getSingleResult();
    }

    /** Every status with its number of tasks, zeros included. */
    public Map<TaskStatus, Long> countByStatus() {
        return countByStatus(null);
    }

    /** Every status with its number of tasks of {@code owner} ({@code null}: everyone's), zeros included. */
    public Map<TaskStatus, Long> countByStatus(String owner) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        TypedQuery<Object[]> query = owner == null ? em.createNamedQuery(Task.COUNT_BY_STATUS, Object[].class)
                : em.createNamedQuery(Task.COUNT_BY_STATUS_OF_OWNER, Object[].class).setParameter("owner", owner);
        for (Object[] row : query.getResultList()) {
            counts.put((TaskStatus) row[0], (Long) row[1]);
        }
        return counts;
    }
}
