package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * How a subtask ended, as its parent's agent sees it when the parent resumes.
 */
public record SubtaskResult(UUID taskId, String agent, String status, JsonNode result, String error) {

    public boolean completed() {
        return "completed".equals(status);
    }
}
