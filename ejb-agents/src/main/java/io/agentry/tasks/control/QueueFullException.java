package io.agentry.tasks.control;

import jakarta.ejb.ApplicationException;

/**
 * The queue holds as many waiting tasks as it may; the submit is refused, nothing is stored.
 */
@ApplicationException(rollback = true)
public class QueueFullException extends RuntimeException {

    private final long retryAfterSeconds;

    public QueueFullException(long retryAfterSeconds) {
        super("Queue is full");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
