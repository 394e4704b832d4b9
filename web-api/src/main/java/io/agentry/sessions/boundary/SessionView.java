package io.agentry.sessions.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import io.agentry.sessions.entity.AgentMessage;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A session as the API shows it: its status, every step (the fallback plan's marked
 * {@code fallback}), and the results and errors of the plan in charge.
 */
public record SessionView(
        UUID sessionId,
        String name,
        String status,
        String executionMode,
        boolean fallbackUsed,
        String error,
        UUID parentSessionId,
        JsonNode context,
        Long timeoutMs,
        Instant startedAt,
        Instant completedAt,
        Long durationMs,
        List<Step> steps,
        Map<String, JsonNode> results,
        Map<String, String> errors) {

    /** One step and the task that runs it. */
    @Schema(name = "SessionStep")
    public record Step(String id, UUID taskId, String agent, String status, boolean fallback, JsonNode dependencies,
            JsonNode input, JsonNode result, String error, int attempts, int retryCount, Instant startedAt,
            Instant completedAt, Double executionTime) {

        static Step of(Task task) {
            int attempts = task.startedAt() == null ? 0 : task.currentAttempt();
            return new Step(task.stepId(), task.id(), task.agent().name(), task.status().apiName(), task.isFallback(),
                    Json.read(task.dependenciesJson()), Json.read(task.inputJson()), Json.read(task.outputJson()),
                    task.errorMessage(), attempts, task.retryCount(), task.startedAt(), task.completedAt(),
                    task.executionSeconds());
        }
    }

    /** The answer to a submitted plan. */
    @Schema(name = "SessionAccepted")
    public record Accepted(UUID sessionId, String status, List<StepStatus> steps) {

        /** A step's id, task and status. */
        public record StepStatus(String id, UUID taskId, String status) {
        }

        static Accepted of(AgentSession session, List<Task> steps) {
            return new Accepted(session.id(), session.status().apiName(), steps.stream()
                    .map(t -> new StepStatus(t.stepId(), t.id(), t.status().apiName())).toList());
        }
    }

    /** A page of a listing, newest first. */
    @Schema(name = "SessionPage")
    public record Page(List<Summary> sessions, long total, int limit, int offset) {
    }

    /** The messages between a session's agents. */
    @Schema(name = "SessionMessages")
    public record Messages(UUID sessionId, List<Message> messages) {
    }

    /** A session in a listing. */
    @Schema(name = "SessionSummary")
    public record Summary(UUID sessionId, String name, String status, String executionMode, boolean fallbackUsed,
            Instant startedAt, Instant completedAt, Long durationMs) {

        static Summary of(AgentSession s) {
            return new Summary(s.id(), s.name(), s.status().apiName(), s.executionMode().apiName(), s.fallbackUsed(),
                    s.startedAt(), s.completedAt(), s.durationMs());
        }
    }

    /** A message between two agents of the session. */
    @Schema(name = "AgentMessage")
    public record Message(UUID messageId, String fromAgent, String toAgent, String messageType, JsonNode content,
            JsonNode metadata, Instant createdAt) {

        static Message of(AgentMessage m, Map<UUID, String> agentNames) {
            return new Message(m.id(), agentNames.get(m.fromAgentId()), agentNames.get(m.toAgentId()),
                    m.type().apiName(), Json.read(m.contentJson()), Json.read(m.metadataJson()), m.createdAt());
        }
    }

    static SessionView of(AgentSession session, List<Task> steps) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Task step : steps) {
            if (step.isFallback() != session.fallbackUsed()) {
                continue;
            }
            if (step.status() == TaskStatus.COMPLETED) {
                results.put(step.stepId(), Json.read(step.outputJson()));
            } else if (step.errorMessage() != null) {
                errors.put(step.stepId(), step.errorMessage());
            }
        }
        return new SessionView(session.id(), session.name(), session.status().apiName(),
                session.executionMode().apiName(), session.fallbackUsed(), session.errorMessage(),
                session.parentSessionId(), Json.read(session.contextJson()), session.timeoutMs(), session.startedAt(),
                session.completedAt(), session.durationMs(), steps.stream().map(Step::of).toList(), results, errors);
    }
}
