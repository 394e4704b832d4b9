package io.agentry.tasks.control;

import jakarta.ejb.ApplicationException;

/**
 * A task names an agent that is not registered.
 */
@ApplicationException(rollback = true)
public class UnknownAgentException extends RuntimeException {

    public UnknownAgentException(String agent) {
        super("Unknown agent '" + agent + "'");
    }
}
