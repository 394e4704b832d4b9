package io.agentry.sessions.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.sessions.entity.ExecutionMode;
import io.agentry.tasks.control.NewTask;
import java.util.List;
import java.util.UUID;

/**
 * A plan as submitted: its steps, how they run, its deadline and the plan that takes over if it
 * fails. A fallback plan has no fallback of its own.
 */
public record NewPlan(
        String name,
        List<Step> steps,
        ExecutionMode executionMode,
        Long timeoutMs,
        NewPlan fallbackPlan,
        JsonNode context,
        UUID parentSessionId,
        String callbackUrl) {

    /** One step: who runs it (agent, pattern or capability), on what input, after which steps. */
    public record Step(
            String id,
            String agent,
            String pattern,
            String capability,
            String action,
            JsonNode input,
            List<String> dependencies,
            NewTask.RetryOverrides retryPolicy,
            Long timeoutMs,
            Integer priority) {

        public Step {
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        }
    }
}
