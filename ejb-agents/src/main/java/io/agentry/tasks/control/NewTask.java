package io.agentry.tasks.control;

import java.util.UUID;

/**
 * A validated request for a task: exactly one of {@code agent}, {@code pattern} and
 * {@code capability} says who runs it. Absent optional fields are {@code null} and take their
 * defaults (the routing rule's, then the configured ones). {@code owner} is the user submitting it.
 */
public record NewTask(
        String agent,
        String pattern,
        String capability,
        String payloadJson,
        String metadataJson,
        Integer priority,
        Integer timeoutSeconds,
        String callbackUrl,
        RetryOverrides retry,
        UUID sessionId,
        String idempotencyKey,
        String owner) {

    /** The parts of a retry policy a request may set; {@code null} fields keep the defaults. */
    public record RetryOverrides(Integer maxRetries, Long backoffMs, Double multiplier, Long maxBackoffMs,
            Boolean jitter) {

        public static final RetryOverrides NONE = new RetryOverrides(null, null, null, null, null);
    }
}
