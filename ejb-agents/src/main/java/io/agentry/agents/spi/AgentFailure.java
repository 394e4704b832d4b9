package io.agentry.agents.spi;

/**
 * An agent's report that a task attempt failed. Retryable failures are retried by the task's
 * policy; the others fail the task at once.
 */
public class AgentFailure extends Exception {

    private final boolean retryable;

    private AgentFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
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

    public boolean isRetryable() {
        return retryable;
    }
}
