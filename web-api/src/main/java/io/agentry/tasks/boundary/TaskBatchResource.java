package io.agentry.tasks.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.outbound.boundary.CallableUrls;
import io.agentry.platform.boundary.OpenApiConventions;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.ViolationProblems;
import io.agentry.tasks.control.NewTask;
import io.agentry.tasks.control.TaskBatches;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import io.agentry.security.boundary.Caller;
import io.agentry.sessions.control.SessionQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/tasks/batch}: many tasks in one request and one transaction. The answer is 200 with a
 * result per item, each carrying the status a single submit of that item would have had.
 */
@Path("tasks/batch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.USER_NAME)
public class TaskBatchResource {

    @Inject
    TaskBatches batches;

    @Inject
    Validator validator;

    @Inject
    SessionQueries sessions;

    @Context
    SecurityContext security;

    @Inject
    CallableUrls urls;

    @Inject
    @ConfigProperty(name = "agentry.api.max-batch-size", defaultValue = "1000")
    int maxBatchSize;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit many tasks in one transaction", description = "One result per item, in order; "
            + "each item has the status a single submit of it would have had.")
    @APIResponse(responseCode = "200", description = "One result per item")
    @APIResponse(responseCode = "413", ref = OpenApiConventions.CONTENT_TOO_LARGE)
    public TaskBatchView submit(@NotNull(message = "is required: send a JSON object") @Valid TaskBatchRequest request) {
        List<TaskRequest> items = request.tasks();
        if (items.size() > maxBatchSize) {
            throw new ProblemException(Problem.of(413, "Content Too Large",
                    "A batch holds at most " + maxBatchSize + " tasks; this one has " + items.size()));
        }
        Caller caller = Caller.of(security);
        List<Problem> problems = new ArrayList<>(items.size());
        List<NewTask> valid = new ArrayList<>();
        for (TaskRequest item : items) {
            Problem problem = problemOf(item);
            if (problem == null && item.sessionId() != null
                    && !sessions.find(item.sessionId()).map(s -> caller.sees(s.userId())).orElse(true)) {
                problem = Problem.of(404, "Not Found", "No session with id " + item.sessionId());
            }
            problems.add(problem);
            if (problem == null) {
                valid.add(item.toNewTask(null, caller.name()));
            }
        }
        List<TaskBatches.Outcome> outcomes = valid.isEmpty() ? List.of() : batches.submit(valid);
        List<TaskBatchView.Item> results = new ArrayList<>(items.size());
        int next = 0;
        for (int index = 0; index < items.size(); index++) {
            if (problems.get(index) != null) {
                results.add(TaskBatchView.Item.rejected(index, problems.get(index)));
                continue;
            }
            TaskBatches.Outcome outcome = outcomes.get(next++);
            if (outcome instanceof TaskBatches.Accepted accepted) {
                results.add(TaskBatchView.Item.accepted(index, accepted.task()));
            } else if (outcome instanceof TaskBatches.Unroutable unroutable) {
                results.add(TaskBatchView.Item.rejected(index,
                        Problem.of(422, "Unprocessable Content", unroutable.reason())));
            } else if (outcome instanceof TaskBatches.Unavailable unavailable) {
                results.add(TaskBatchView.Item.rejected(index,
                        Problem.of(503, "Service Unavailable", unavailable.reason())));
            } else if (outcome instanceof TaskBatches.RateLimited limited) {
                results.add(TaskBatchView.Item.rejected(index,
                        Problem.of(429, "Too Many Requests", limited.reason())));
            }
        }
        return TaskBatchView.of(results);
    }

    /** The 400 that {@code POST /api/tasks} would answer for this item, or null when it is valid. */
    private Problem problemOf(TaskRequest item) {
        if (item == null) {
            return Problem.of(400, "Bad Request", "Each task must be a JSON object");
        }
        Set<ConstraintViolation<TaskRequest>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            return ViolationProblems.of(violations, 0);
        }
        Problem problem = item.problem();
        return problem != null ? problem : urls.problem("callback_url", item.callbackUrl());
    }
}
