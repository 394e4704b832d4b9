package io.agentry.tasks.boundary;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * The body of {@code POST /api/tasks/batch}. The items are validated one by one, so that a wrong
 * item is refused on its own instead of failing the batch.
 */
public record TaskBatchRequest(@NotEmpty(message = "must hold at least one task") List<TaskRequest> tasks) {
}
