package io.agentry.tasks.control;

import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.control.PlanExecution;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cancels a task. A task that has not started never will; a running one ends cancelled when its
 * agent returns. A plan's step cannot be cancelled alone: its whole session is.
 */
@Stateless
public class TaskCancellation {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    PlanExecution plans;

    /** The task after the cancel, or nothing if there is no such task. */
    public Optional<Task> cancel(UUID taskId) {
        Task task = em.find(Task.class, taskId);
        if (task == null) {
            return Optional.empty();
        }
        if (task.sessionId() != null) {
            plans.cancel(task.sessionId());
            em.refresh(task);
            return Optional.of(task);
        }
        em.lock(task, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(task);
        Instant now = Timestamps.now();
        if (task.cancel("Cancelled", now)) {
            events.record(task, EventType.TASK_CANCELLED, Map.of("reason", "cancelled"), now);
        }
        return Optional.of(task);
    }
}
