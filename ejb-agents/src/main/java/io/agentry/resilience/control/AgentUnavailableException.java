package io.agentry.resilience.control;

import jakarta.ejb.ApplicationException;

/** The agent's circuit breaker is open: a submit for it is refused, nothing is stored. */
@ApplicationException(rollback = true)
public class AgentUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public AgentUnavailableException(String agent, long retryAfterSeconds) {
        super("Agent '" + agent + "' is currently unavailable");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
