package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.memory.entity.MemoryType;
import java.time.Duration;
import java.util.Optional;

/**
 * What an agent remembers for the user a task runs for ({@link AgentTask#user()}): the same entries
 * that user reads and writes under {@code /api/agents/{name}/memory}. Writes take effect at once,
 * whatever becomes of the attempt.
 */
public interface AgentMemory {

    /** The live value of {@code key} (the read is counted), or empty. */
    Optional<JsonNode> recall(String key);

    /** Writes {@code key}; a null time to live keeps it until it is overwritten or forgotten. */
    void remember(String key, JsonNode value, MemoryType type, Duration timeToLive);

    /** Forgets {@code key}; false when it held no live value. */
    boolean forget(String key);
}
