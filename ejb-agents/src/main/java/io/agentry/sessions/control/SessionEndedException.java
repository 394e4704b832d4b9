package io.agentry.sessions.control;

import jakarta.ejb.ApplicationException;

/**
 * The session has already ended; it cannot be changed any more.
 */
@ApplicationException(rollback = true)
public class SessionEndedException extends RuntimeException {

    public SessionEndedException(String message) {
        super(message);
    }
}
