package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Work an agent hands to another agent (named, or found by pattern) while its own task waits.
 */
public record Subtask(String agent, String pattern, JsonNode payload, Integer priority) {

    public Subtask {
        if ((agent == null) == (pattern == null)) {
            throw new IllegalArgumentException("A subtask names exactly one of agent and pattern");
        }
    }

    public static Subtask forAgent(String agent, JsonNode payload) {
        return new Subtask(agent, null, payload, null);
    }
}
