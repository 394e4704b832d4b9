package io.agentry.tasks.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.Task;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task as the API shows it.
 */
public record TaskView(
        UUID taskId,
        String status,
        String agent,
        String pattern,
        int priority,
        JsonNode payload,
        JsonNode metadata,
        JsonNode result,
        String error,
        int retryCount,
        int maxRetries,
        UUID sessionId,
        UUID parentTaskId,
        Integer timeout,
        Instant deadline,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        Instant nextAttemptAt,
        Double executionTime) {

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.status().apiName(), task.agent().name(), task.pattern(), task.priority(),
                Json.read(task.inputJson()), Json.read(task.metadataJson()), Json.read(task.outputJson()),
                task.errorMessage(), task.retryCount(), task.retryPolicy().maxRetries(), task.sessionId(),
                task.parentTaskId(), task.timeoutSeconds(), task.deadline(), task.createdAt(), task.updatedAt(),
                task.startedAt(), task.completedAt(), task.nextAttemptAt(), task.executionSeconds());
    }

    /** A page of a listing, newest first. */
    @Schema(name = "TaskPage")
    public record Page(List<TaskView> tasks, long total, int limit, int offset) {
    }

    /** How many tasks were queued again. */
    public record Retried(int retried) {
    }

    /** The answer to a submission. */
    @Schema(name = "TaskAccepted")
    public record Accepted(UUID taskId, String status, String agent, int priority, Instant createdAt,
            Instant updatedAt) {

        static Accepted of(Task task) {
            return new Accepted(task.id(), task.status().apiName(), task.agent().name(), task.priority(),
                    task.createdAt(), task.updatedAt());
        }
    }

}
