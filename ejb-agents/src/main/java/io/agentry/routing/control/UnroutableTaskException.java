package io.agentry.routing.control;

import jakarta.ejb.ApplicationException;

/**
 * A task names no agent that can take it; the submission is refused and nothing is stored.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class UnroutableTaskException extends RuntimeException {

    protected UnroutableTaskException(String message) {
        super(message);
    }
}
