package io.agentry.metrics.control;

import io.agentry.tasks.entity.EventType;
import java.util.Optional;

/** The {@code outcome} label of a task's lifecycle event that the task counters count. */
public enum TaskOutcome {
    COMPLETED,
    FAILED,
    RETRIED,
    DEAD_LETTERED,
    TIMED_OUT,
    CANCELLED;

    /** The outcome an event records, if it records one. */
    public static Optional<TaskOutcome> of(EventType type) {
        return Optional.ofNullable(switch (type) {
            case TASK_COMPLETED -> COMPLETED;
            case TASK_FAILED -> FAILED;
            case TASK_RETRY_SCHEDULED -> RETRIED;
            case TASK_DEAD_LETTERED -> DEAD_LETTERED;
            case TASK_TIMED_OUT -> TIMED_OUT;
            case TASK_CANCELLED -> CANCELLED;
            default -> null;
        });
    }

    /** Whether the task ends with it (a retry does not). */
    public boolean endsTask() {
        return this != RETRIED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
