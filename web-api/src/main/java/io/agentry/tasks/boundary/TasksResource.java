package io.agentry.tasks.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.audit.boundary.Audited;
import io.agentry.outbound.boundary.CallableUrls;
import io.agentry.platform.boundary.OpenApiConventions;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import io.agentry.security.boundary.Caller;
import io.agentry.sessions.control.SessionQueries;
import io.agentry.tasks.control.TaskCancellation;
import io.agentry.tasks.control.TaskQueries;
import io.agentry.tasks.control.TaskRecovery;
import io.agentry.tasks.control.TaskSubmission;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/tasks}: accepts tasks and shows them.
 */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.USER_NAME)
public class TasksResource {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    @Inject
    TaskSubmission submission;

    @Inject
    TaskQueries queries;

    @Inject
    TaskCancellation cancellation;

    @Inject
    TaskRecovery recovery;

    @Inject
    SessionQueries sessions;

    @Inject
    @ConfigProperty(name = "agentry.api.default-page-size", defaultValue = "50")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "agentry.api.max-page-size", defaultValue = "500")
    int maxPageSize;

    @Inject
    CallableUrls urls;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a task")
    @APIResponse(responseCode = "202", description = "Stored and queued",
            headers = @Header(name = "Location", description = "The task's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = TaskView.Accepted.class)))
    @APIResponse(responseCode = "200", description = "A repeated Idempotency-Key: the task it first submitted",
            content = @Content(schema = @Schema(implementation = TaskView.Accepted.class)))
    @APIResponse(responseCode = "413", ref = OpenApiConventions.CONTENT_TOO_LARGE)
    @APIResponse(responseCode = "422", ref = OpenApiConventions.UNPROCESSABLE_CONTENT)
    public Response submit(@NotNull(message = "is required: send a JSON object") @Valid TaskRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Problem problem = request.problem();
        if (problem == null) {
            problem = urls.problem("callback_url", request.callbackUrl());
        }
        if (problem != null) {
            throw new ProblemException(problem);
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        Caller caller = Caller.of(security);
        if (request.sessionId() != null && !sessions.find(request.sessionId()).map(s -> caller.sees(s.userId()))
                .orElse(true)) {
            throw ProblemException.notFound("No session with id " + request.sessionId());
        }
        TaskSubmission.Accepted accepted = submission.submit(request.toNewTask(idempotencyKey, caller.name()));
        if (accepted.replayed() && !caller.sees(accepted.task().owner())) {
            throw new ProblemException(Problem.of(409, "Conflict", "Idempotency-Key is already used by another task"));
        }
        Task stored = accepted.task();
        return Response.status(accepted.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(uriInfo.getBaseUriBuilder().path("tasks").path(stored.id().toString()).build())
                .entity(TaskView.Accepted.of(stored))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a task")
    public TaskView get(@PathParam("id") String id) {
        return TaskView.of(find(id));
    }

    @GET
    @Operation(summary = "List tasks, newest first",
            description = "Filters combine: status, agent, session_id, and the creation time from created_since"
                    + " (inclusive) until created_until (exclusive), each an ISO-8601 date-time with offset,"
                    + " e.g. 2026-11-21T09:00:00Z.")
    public TaskView.Page list(@QueryParam("status") String status, @QueryParam("agent") String agent,
            @QueryParam("session_id") String sessionId,
            @QueryParam("created_since") String createdSince, @QueryParam("created_until") String createdUntil,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        TaskStatus wanted = null;
        if (status != null) {
            wanted = TaskStatus.fromApiName(status);
            if (wanted == null) {
                throw ProblemException.badRequest("Unknown status '" + status + "'");
            }
        }
        int pageSize = QueryParams.integer("limit", limit, defaultPageSize, 1, maxPageSize);
        int skip = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        UUID session = sessionId == null ? null : QueryParams.uuid("session_id", sessionId);
        Instant since = createdSince == null ? null : QueryParams.instant("created_since", createdSince);
        Instant until = createdUntil == null ? null : QueryParams.instant("created_until", createdUntil);
        if (since != null && until != null && since.isAfter(until)) {
            throw ProblemException.badRequest("'created_since' must not be after 'created_until'");
        }
        TaskQueries.Page page = queries.list(new TaskQueries.Filter(wanted, agent, session,
                Caller.of(security).ownerFilter(), since, until), pageSize, skip);
        return new TaskView.Page(page.tasks().stream().map(TaskView::of).toList(), page.total(), pageSize, skip);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a task")
    public TaskView cancel(@PathParam("id") String id) {
        UUID taskId = find(id).id();
        return TaskView.of(cancellation.cancel(taskId)
                .orElseThrow(() -> ProblemException.notFound("No task with id " + taskId)));
    }

    /** Where a set of tasks stands: counts, results and errors; ids that name no task are listed, not fatal. */
    @POST
    @Path("aggregate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where a set of tasks stands")
    public TaskAggregate aggregate(@NotNull(message = "is required: send a JSON object") @Valid
            TaskAggregate.Request request) {
        List<UUID> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : request.taskIds()) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                unknown.add(id);
            }
        }
        Caller caller = Caller.of(security);
        return TaskAggregate.of(queries.findAll(ids).stream().filter(t -> caller.sees(t.owner())).toList(), ids,
                unknown);
    }

    /** Queues a failed, dead or timed-out task again, as a new run. */
    @POST
    @Path("{id}/retry")
    @Audited("task.retry")
    @Operation(summary = "Retry a failed, dead or timed-out task")
    public TaskView retry(@PathParam("id") String id) {
        UUID taskId = find(id).id();
        return TaskView.of(recovery.retry(taskId).orElseThrow(() -> ProblemException.notFound("No task with id " + taskId)));
    }

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("retry-failed")
    @Audited("tasks.retry_failed")
    @Operation(summary = "Retry every failed task (of one agent)")
    public TaskView.Retried retryFailed(@QueryParam("agent") String agent) {
        return new TaskView.Retried(recovery.retryAll(TaskStatus.FAILED, agent));
    }

    /** Deletes a finished task with its trace. */
    @DELETE
    @Path("{id}")
    @Audited("task.delete")
    @Operation(summary = "Delete a finished task with its trace")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        UUID taskId = find(id).id();
        if (!recovery.delete(taskId)) {
            throw ProblemException.notFound("No task with id " + taskId);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("counts")
    @Operation(summary = "Count tasks per status")
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        queries.countByStatus(Caller.of(security).ownerFilter())
                .forEach((status, count) -> counts.put(status.apiName(), count));
        return counts;
    }

    /** The caller's task (any task for operators): another user's answers 404 as an unknown one. */
    private Task find(String id) {
        UUID taskId = ProblemException.uuidOrNotFound("task", id);
        Caller caller = Caller.of(security);
        return queries.find(taskId).filter(t -> caller.sees(t.owner()))
                .orElseThrow(() -> ProblemException.notFound("No task with id " + taskId));
    }
}
