package io.agentry.memory.boundary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/agents/{name}/memory/{key}}: any JSON value, its type
 * ({@code long_term} when left out) and, optionally, the seconds it lives.
 */
public record MemoryRequest(JsonNode value, String memoryType, Long ttlSeconds) {
}
