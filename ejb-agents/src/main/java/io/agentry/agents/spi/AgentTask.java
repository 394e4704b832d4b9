package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.UUID;

/**
 * What an agent sees of the task it runs. {@link #idempotencyKey()} is stable across redeliveries
 * of one attempt: agents with outside side effects pass it on.
 */
public record AgentTask(UUID id, String agent, int attempt, JsonNode payload, JsonNode metadata, UUID sessionId) {

    public AgentTask {
        payload = payload == null ? NullNode.getInstance() : payload;
        metadata = metadata == null ? NullNode.getInstance() : metadata;
    }

    public String idempotencyKey() {
        return id + ":" + attempt;
    }
}
