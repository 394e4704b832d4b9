package io.agentry.memory.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.memory.entity.MemoryEntry;
import io.agentry.platform.control.Json;
import java.time.Instant;

/**
 * A memory entry as the API shows it.
 */
public record MemoryView(String key, JsonNode value, String memoryType, Instant expiresAt, Instant createdAt,
        Instant accessedAt, int accessCount) {

    static MemoryView of(MemoryEntry entry) {
        return new MemoryView(entry.key(), Json.read(entry.valueJson()), entry.type().apiName(), entry.expiresAt(),
                entry.createdAt(), entry.accessedAt(), entry.accessCount());
    }
}
