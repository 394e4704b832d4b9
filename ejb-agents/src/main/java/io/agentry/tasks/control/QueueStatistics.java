package io.agentry.tasks.control;

import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task queue as the tasks see it: waiting tasks by priority, in flight, scheduled for a retry,
 * dead. Taken from the task rows, which change in the same transactions as the messages.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class QueueStatistics {

    private static final EnumSet<TaskStatus> ACTIVE = EnumSet.of(TaskStatus.QUEUED, TaskStatus.IN_PROGRESS,
            TaskStatus.WAITING, TaskStatus.PAUSED, TaskStatus.RETRY_SCHEDULED, TaskStatus.DEAD);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    /**
     * Queued by priority (5 to 1), in flight, waiting for subtasks, parked behind paused agents,
     * scheduled, dead (on the dead letter queue), and dead by priority.
     */
    public record Depths(Map<Integer, Long> queuedByPriority, long queued, long inFlight, long waitingForSubtasks,
            long paused, long scheduled, long dead, Map<Integer, Long> deadByPriority) {
    }

    public Depths depths() {
        Map<Integer, Long> byPriority = byPriority();
        Map<Integer, Long> deadByPriority = byPriority();
        long inFlight = 0;
        long waiting = 0;
        long paused = 0;
        long scheduled = 0;
        for (Object[] row : em.createNamedQuery(Task.ACTIVE_BY_PRIORITY, Object[].class)
                .setParameter("active", ACTIVE).getResultList()) {
            TaskStatus status = (TaskStatus) row[0];
            long count = (Long) row[2];
            switch (status) {
                case QUEUED -> byPriority.merge((Integer) row[1], count, Long::sum);
                case IN_PROGRESS -> inFlight += count;
                case WAITING -> waiting += count;
                case PAUSED -> paused += count;
                case RETRY_SCHEDULED -> scheduled += count;
                default -> deadByPriority.merge((Integer) row[1], count, Long::sum);
            }
        }
        return new Depths(byPriority, sum(byPriority), inFlight, waiting, paused, scheduled, sum(deadByPriority),
                deadByPriority);
    }

    /** Every priority, 5 to 1, at zero. */
    private static Map<Integer, Long> byPriority() {
        Map<Integer, Long> byPriority = new TreeMap<>(Comparator.reverseOrder());
        for (int p = 5; p >= 1; p--) {
            byPriority.put(p, 0L);
        }
        return byPriority;
    }

    private static long sum(Map<Integer, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
