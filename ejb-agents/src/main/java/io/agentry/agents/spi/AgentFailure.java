package io.agentry.agents.spi;

import java.time.Duration;

/**
 * An agent's report that a task attempt failed. Retryable failures are retried by the task's
 * policy; the others fail the task at once.
 */
public class AgentFailure extends Exception {

    private final boolean retryable;
    private final Duration unavailableFor;

    private AgentFailure(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, null);
    }

    private AgentFailure(String message, boolean retryable, Throwable cause, Duration unavailableFor) {
        super(message, cause);
        this.retryable = retryable;
        this.unavailableFor = unavailableFor;
    }

    /** A passing fault: another attempt may succeed. */
    public static AgentFailure retryable(String message) {
        return new AgentFailure(message, true, null);
    }

    /** The agent broke on something it did not expect; treated as passing. */
    public static AgentFailure unexpected(RuntimeException cause) {
        String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new AgentFailure(cause.getClass().getSimpleName() + detail, true, cause);
    }

    /** No attempt can succeed, e.g. the input is invalid. */
    public static AgentFailure permanent(String message) {
        return new AgentFailure(message, false, null);
    }

    /**
     * The agent could not be reached at all (e.g. every endpoint is out of rotation): the attempt
     * did not happen, so it waits {@code retryAfter} and is not counted.
     */
    public static AgentFailure unavailable(String message, Duration retryAfter) {
        return new AgentFailure(message, true, null, retryAfter);
    }

    /** How long to wait when the attempt could not even be made; {@code null} when it was made. */
    public Duration unavailableFor() {
        return unavailableFor;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
