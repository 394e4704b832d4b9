package io.agentry.sessions.control;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/**
 * No session has this id.
 */
@ApplicationException(rollback = true)
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException(UUID id) {
        super("No session with id " + id);
    }
}
