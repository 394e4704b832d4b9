package io.agentry.resilience.control;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/** A submit came faster than the agent's rate limit allows: it is refused, nothing is stored. */
@ApplicationException(rollback = true)
public class RateLimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitExceededException(String agent, Duration untilNextToken) {
        super("Rate limit exceeded for agent '" + agent + "'");
        // Whole seconds (Retry-After has no fractions), rounded up so that a client that waits them gets a token.
        this.retryAfterSeconds = Math.max(1, (untilNextToken.toNanos() + 999_999_999) / 1_000_000_000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
