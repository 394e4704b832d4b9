package io.agentry.tasks.entity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The task state machine. This enum is the only place that decides which transitions are legal.
 */
public enum TaskStatus {
    PENDING,
    QUEUED,
    IN_PROGRESS,
    WAITING,
    PAUSED,
    RETRY_SCHEDULED,
    COMPLETED,
    FAILED,
    DEAD,
    CANCELLED,
    TIMED_OUT;

    private Set<TaskStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(QUEUED, CANCELLED);
            case QUEUED -> EnumSet.of(IN_PROGRESS, PAUSED, CANCELLED, TIMED_OUT);
            // IN_PROGRESS -> IN_PROGRESS: the broker redelivered an attempt whose worker died (and
            // -> PAUSED when its agent was paused meanwhile).
            case IN_PROGRESS -> EnumSet.of(IN_PROGRESS, WAITING, PAUSED, QUEUED, COMPLETED, FAILED, RETRY_SCHEDULED,
                    DEAD, CANCELLED, TIMED_OUT);
            // Its agent is paused: the attempt waits, off the queue, until the agent is resumed.
            case PAUSED -> EnumSet.of(QUEUED, CANCELLED, TIMED_OUT);
            // Its agent handed work to subtasks and gave its thread back; the last subtask to end resumes it.
            case WAITING -> EnumSet.of(QUEUED, CANCELLED, TIMED_OUT);
            // The delayed message itself starts the next attempt.
            case RETRY_SCHEDULED -> EnumSet.of(IN_PROGRESS, PAUSED, QUEUED, CANCELLED, DEAD, TIMED_OUT);
            // Manual retry and dead-letter replay put a finished task back on the queue.
            case FAILED, DEAD, TIMED_OUT -> EnumSet.of(QUEUED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public boolean canBecome(TaskStatus next) {
        return successors().contains(next);
    }

    /** No further work happens on a task in a terminal state unless someone retries it. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == DEAD || this == CANCELLED || this == TIMED_OUT;
    }

    /** On its way to an end: waiting on the queue or for its agent, or running. */
    public boolean isActive() {
        return this == QUEUED || this == IN_PROGRESS || this == WAITING || this == RETRY_SCHEDULED || this == PAUSED;
    }

    /** The lower-case name the API uses. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API name; {@code null} when there is no such status. */
    public static TaskStatus fromApiName(String name) {
        for (TaskStatus status : values()) {
            if (status.apiName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
