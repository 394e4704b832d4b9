package io.agentry.tasks.entity;

import java.util.Locale;

/**
 * The kinds of lifecycle event (DESIGN §4). Stored and published by their lower-case names.
 */
public enum TaskEventType {
    TASK_CREATED,
    TASK_QUEUED,
    TASK_STARTED,
    PARTIAL_OUTPUT,
    TASK_COMPLETED,
    TASK_FAILED,
    TASK_RETRY_SCHEDULED,
    TASK_DEAD_LETTERED,
    TASK_CANCELLED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
