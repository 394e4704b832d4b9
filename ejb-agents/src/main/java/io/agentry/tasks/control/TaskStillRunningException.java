package io.agentry.tasks.control;

import jakarta.ejb.ApplicationException;

/**
 * Only finished work can be deleted.
 */
@ApplicationException(rollback = true)
public class TaskStillRunningException extends RuntimeException {

    public TaskStillRunningException(String message) {
        super(message);
    }
}
