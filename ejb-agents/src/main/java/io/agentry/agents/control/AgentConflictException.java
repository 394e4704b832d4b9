package io.agentry.agents.control;

import io.agentry.platform.control.ConflictException;

/** The agent cannot be changed that way now: it exists already, runs in this server, or still has work. */
public class AgentConflictException extends ConflictException {

    public AgentConflictException(String message) {
        super(message);
    }
}
