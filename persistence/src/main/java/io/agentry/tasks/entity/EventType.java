package io.agentry.tasks.entity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of lifecycle event (DESIGN §4), stored and published by their lower-case names.
 */
public enum EventType {
    TASK_CREATED,
    TASK_QUEUED,
    TASK_STARTED,
    TASK_WAITING,
    TASK_RESUMED,
    TASK_PAUSED,
    PARTIAL_OUTPUT,
    TASK_COMPLETED,
    TASK_FAILED,
    TASK_RETRY_SCHEDULED,
    TASK_DEAD_LETTERED,
    TASK_CANCELLED,
    TASK_TIMED_OUT,
    STEP_STARTED,
    STEP_COMPLETED,
    PLAN_COMPLETED,
    PLAN_FAILED,
    PLAN_FALLBACK,
    PLAN_CANCELLED,
    AGENT_MESSAGE,
    AGENT_INSIGHT,
    AGENT_ERROR,
    CIRCUIT_OPENED,
    CIRCUIT_CLOSED;

    private static final Set<EventType> TASK_ENDS = EnumSet.of(TASK_COMPLETED, TASK_FAILED, TASK_DEAD_LETTERED,
            TASK_CANCELLED, TASK_TIMED_OUT);
    private static final Set<EventType> PLAN_ENDS = EnumSet.of(PLAN_COMPLETED, PLAN_FAILED, PLAN_CANCELLED);

    /** The last event of a task: nothing follows it unless someone retries the task. */
    public boolean endsTask() {
        return TASK_ENDS.contains(this);
    }

    /** The last event of a session (a plan that timed out ends with {@code plan_failed}). */
    public boolean endsSession() {
        return PLAN_ENDS.contains(this);
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API name; {@code null} when there is no such type. */
    public static EventType fromApiName(String name) {
        for (EventType type : values()) {
            if (type.apiName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
