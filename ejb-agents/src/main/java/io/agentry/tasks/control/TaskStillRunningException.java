package io.agentry.tasks.control;

import io.agentry.platform.control.ConflictException;

/**
 * Only finished work can be deleted.
 */
public class TaskStillRunningException extends ConflictException {

    public TaskStillRunningException(String message) {
        super(message);
    }
}
