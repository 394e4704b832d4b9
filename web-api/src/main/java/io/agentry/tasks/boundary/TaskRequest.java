package io.agentry.tasks.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.control.Json;
import io.agentry.routing.entity.RuleDefinition;
import io.agentry.tasks.control.NewTask;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The body of {@code POST /api/tasks}.
 */
public record TaskRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String agent,
        @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String pattern,
        @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String capability,
        @NotNull JsonNode payload,
        JsonNode metadata,
        @Min(1) @Max(5) Integer priority,
        @Min(1) @Max(86_400) Integer timeout,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String callbackUrl,
        @Valid RetryPolicyRequest retryPolicy,
        UUID sessionId) {

    /** What Bean Validation cannot say about a task: the 400 {@code POST /api/tasks} answers, or null. */
    Problem problem() {
        if (Stream.of(agent, pattern, capability).filter(Objects::nonNull).count() != 1) {
            return Problem.of(400, "Bad Request", "Give exactly one of 'agent', 'pattern' and 'capability'");
        }
        if (metadata != null && !metadata.isObject()) {
            return Problem.of(400, "Bad Request", "'metadata' must be a JSON object");
        }
        return null;
    }

    NewTask toNewTask(String idempotencyKey, String owner) {
        return new NewTask(agent, pattern, capability, Json.write(payload), Json.write(metadata), priority, timeout, callbackUrl,
                retryPolicy == null ? null : retryPolicy.toOverrides(), sessionId, idempotencyKey, owner);
    }

    static final String NAME = RuleDefinition.NAME;
    static final String NAME_MESSAGE = RuleDefinition.NAME_MESSAGE;

    /** A task's own retry policy; absent fields keep the configured defaults. */
    public record RetryPolicyRequest(
            @Min(0) @Max(100) Integer maxRetries,
            @Min(0) @Max(86_400_000) Long backoffMs,
            @DecimalMin("1.0") @DecimalMax("100.0") Double multiplier,
            @Min(0) @Max(86_400_000) Long maxBackoffMs,
            Boolean jitter) {

        public NewTask.RetryOverrides toOverrides() {
            return new NewTask.RetryOverrides(maxRetries, backoffMs, multiplier, maxBackoffMs, jitter);
        }
    }
}
