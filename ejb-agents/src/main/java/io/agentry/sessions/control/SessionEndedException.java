package io.agentry.sessions.control;

import io.agentry.platform.control.ConflictException;

/**
 * The session has already ended; it cannot be changed any more.
 */
public class SessionEndedException extends ConflictException {

    public SessionEndedException(String message) {
        super(message);
    }
}
