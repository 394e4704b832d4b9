package io.agentry.tasks.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code POST /api/tasks/aggregate}: how a set of tasks stands, their results and
 * errors, and the ids that name no task.
 */
public record TaskAggregate(
        int totalTasks,
        long completed,
        long failed,
        long cancelled,
        long pending,
        List<Result> results,
        List<Error> errors,
        List<String> unknown) {

    /** The body of the request. */
    @Schema(name = "AggregateRequest")
    public record Request(@NotNull @Size(max = 1000) List<@NotNull String> taskIds) {
    }

    @Schema(name = "AggregateResult")
    public record Result(UUID taskId, String agent, JsonNode result, Double executionTime) {
    }

    @Schema(name = "AggregateError")
    public record Error(UUID taskId, String agent, String status, String error) {
    }

    static TaskAggregate of(List<Task> tasks, Collection<UUID> asked, List<String> malformed) {
        Set<UUID> found = new HashSet<>();
        tasks.forEach(t -> found.add(t.id()));
        List<String> unknown = new ArrayList<>(malformed);
        asked.stream().filter(id -> !found.contains(id)).forEach(id -> unknown.add(id.toString()));
        List<Result> results = new ArrayList<>();
        List<Error> errors = new ArrayList<>();
        long failed = 0;
        long cancelled = 0;
        long pending = 0;
        for (Task task : tasks) {
            if (task.status() == TaskStatus.COMPLETED) {
                results.add(new Result(task.id(), task.agent().name(), Json.read(task.outputJson()),
                        task.executionSeconds()));
            } else if (task.status().isTerminal()) {
                errors.add(new Error(task.id(), task.agent().name(), task.status().apiName(), task.errorMessage()));
                if (task.status() == TaskStatus.CANCELLED) {
                    cancelled++;
                } else {
                    failed++;
                }
            } else {
                pending++;
            }
        }
        return new TaskAggregate(tasks.size(), results.size(), failed, cancelled, pending, results, errors, unknown);
    }
}
