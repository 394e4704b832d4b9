package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What an agent sees of the task it runs: for a plan's step also its session and step id, and the
 * time this attempt may take (its step's or the configured limit, never beyond the task's
 * deadline). {@link #idempotencyKey()} is stable across redeliveries of one attempt: agents with
 * outside side effects pass it on. {@link #user()} is the user the task runs for (who submitted it,
 * or its session or parent task): what an agent keeps for later (its memory) is that user's.
 * It is {@code null} only for tasks stored before users existed.
 */
public record AgentTask(UUID id, String agent, int attempt, JsonNode payload, JsonNode metadata, UUID sessionId,
        String stepId, Duration attemptTimeout, List<SubtaskResult> subtasks, String user) {

    /** {@code subtasks} is empty on a first call, and holds their outcomes when the task resumes. */
    public AgentTask {
        payload = payload == null ? NullNode.getInstance() : payload;
        metadata = metadata == null ? NullNode.getInstance() : metadata;
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    public String idempotencyKey() {
        return id + ":" + attempt;
    }
}
