package io.agentry.tasks.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentry.platform.boundary.Problem;
import io.agentry.tasks.entity.Task;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a batch: one result per submitted item, in order, and how many were accepted.
 */
public record TaskBatchView(List<Item> results, int accepted, int rejected) {

    /** {@code status} is what {@code POST /api/tasks} would have answered for this item alone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItem")
    public record Item(int index, int status, UUID taskId, String agent, Integer priority, Problem problem) {

        static Item accepted(int index, Task task) {
            return new Item(index, 202, task.id(), task.agent().name(), task.priority(), null);
        }

        static Item rejected(int index, Problem problem) {
            return new Item(index, problem.status(), null, null, null, problem);
        }
    }

    static TaskBatchView of(List<Item> results) {
        int accepted = (int) results.stream().filter(item -> item.problem() == null).count();
        return new TaskBatchView(results, accepted, results.size() - accepted);
    }
}
