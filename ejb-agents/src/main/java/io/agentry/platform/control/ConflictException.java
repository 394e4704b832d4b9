package io.agentry.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * The request is valid but the thing it would change is past changing (a finished session, a
 * running task that cannot be deleted); answered 409, and nothing is stored.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ConflictException extends RuntimeException {

    protected ConflictException(String message) {
        super(message);
    }
}
