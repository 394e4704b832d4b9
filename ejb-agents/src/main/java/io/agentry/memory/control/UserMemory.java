package io.agentry.memory.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentMemory;
import io.agentry.memory.entity.MemoryType;
import io.agentry.platform.control.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * One agent's memory for one user, as agent code sees it; every call goes through the
 * {@link Memories} bean, so each is transactional.
 */
record UserMemory(Memories memories, UUID agent, String user) implements AgentMemory {

    @Override
    public Optional<JsonNode> recall(String key) {
        return memories.read(agent, user, key).map(entry -> Json.read(entry.valueJson()));
    }

    @Override
    public void remember(String key, JsonNode value, MemoryType type, Duration timeToLive) {
        memories.write(agent, user, key, Json.write(value), type, timeToLive);
    }

    @Override
    public boolean forget(String key) {
        return memories.delete(agent, user, key);
    }
}
