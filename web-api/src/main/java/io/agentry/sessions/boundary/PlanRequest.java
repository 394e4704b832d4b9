package io.agentry.sessions.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.routing.entity.RuleDefinition;
import io.agentry.sessions.control.NewPlan;
import io.agentry.sessions.entity.ExecutionMode;
import io.agentry.tasks.boundary.TaskRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/sessions}: a plan of steps, how they run, its timeout and the plan
 * that takes over when it fails.
 */
public record PlanRequest(
        @Size(max = 200) String name,
        @NotEmpty @Size(max = MAX_STEPS) List<@NotNull @Valid StepRequest> steps,
        @Pattern(regexp = "parallel|sequential", message = "must be 'parallel' or 'sequential'") String executionMode,
        @Min(1) @Max(MAX_TIMEOUT_MS) Long timeoutMs,
        @Valid FallbackRequest fallbackPlan,
        JsonNode context,
        UUID parentSessionId,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String callbackUrl) {

    static final int MAX_STEPS = 200;
    static final long MAX_TIMEOUT_MS = 7L * 24 * 3600 * 1000;

    /** One step of a plan. */
    public record StepRequest(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String id,
            @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String agent,
            @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String pattern,
            @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String capability,
            @Size(max = 100) String action,
            JsonNode input,
            @Size(max = MAX_STEPS) List<@NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE)
                    String> dependencies,
            @Valid TaskRequest.RetryPolicyRequest retryPolicy,
            @Min(1) @Max(MAX_TIMEOUT_MS) Long timeoutMs,
            @Min(1) @Max(5) Integer priority) {

        NewPlan.Step toStep() {
            return new NewPlan.Step(id, agent, pattern, capability, action, input, dependencies,
                    retryPolicy == null ? null : retryPolicy.toOverrides(), timeoutMs, priority);
        }
    }

    /** The plan that runs when the main plan fails or times out. */
    public record FallbackRequest(
            @NotEmpty @Size(max = MAX_STEPS) List<@NotNull @Valid StepRequest> steps,
            @Min(1) @Max(MAX_TIMEOUT_MS) Long timeoutMs) {
    }

    static final String NAME = RuleDefinition.NAME;
    static final String NAME_MESSAGE = RuleDefinition.NAME_MESSAGE;

    NewPlan toPlan() {
        ExecutionMode mode = executionMode == null ? ExecutionMode.PARALLEL : ExecutionMode.fromApiName(executionMode);
        NewPlan fallback = fallbackPlan == null ? null : new NewPlan(name, fallbackPlan.steps().stream()
                .map(StepRequest::toStep).toList(), mode, fallbackPlan.timeoutMs(), null, null, null, null);
        return new NewPlan(name, steps.stream().map(StepRequest::toStep).toList(), mode, timeoutMs, fallback,
                context, parentSessionId, callbackUrl);
    }
}
