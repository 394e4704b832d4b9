package io.agentry.sessions.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.outbound.boundary.CallableUrls;
import io.agentry.platform.boundary.OpenApiConventions;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import io.agentry.sessions.control.PlanExecution;
import io.agentry.sessions.control.SessionQueries;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.sessions.entity.SessionStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import io.agentry.security.boundary.Caller;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/sessions}: plans are submitted here and followed.
 */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.USER_NAME)
public class SessionsResource {

    private static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 50;

    @Inject
    PlanExecution plans;

    @Inject
    SessionQueries queries;

    @Inject
    CallableUrls urls;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a plan", description = "Checks the plan, stores the session with one task per step "
            + "and dispatches the steps that depend on nothing.")
    @APIResponse(responseCode = "202", description = "Stored; its first steps are queued",
            headers = @Header(name = "Location", description = "The session's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SessionView.Accepted.class)))
    @APIResponse(responseCode = "422", ref = OpenApiConventions.UNPROCESSABLE_CONTENT)
    public Response submit(@NotNull(message = "is required: send a JSON object") @Valid PlanRequest request) {
        Problem problem = urls.problem("callback_url", request.callbackUrl());
        if (problem != null) {
            throw new ProblemException(problem);
        }
        Caller caller = Caller.of(security);
        if (request.parentSessionId() != null && !queries.find(request.parentSessionId())
                .map(s -> caller.sees(s.userId())).orElse(true)) {
            throw ProblemException.badRequest("No parent session with id " + request.parentSessionId());
        }
        AgentSession session = plans.start(request.toPlan(), caller.name());
        return Response.accepted(SessionView.Accepted.of(session, queries.steps(session.id())))
                .location(uriInfo.getBaseUriBuilder().path("sessions").path(session.id().toString()).build())
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a session with its steps, results and errors")
    public SessionView get(@PathParam("id") String id) {
        AgentSession session = find(id);
        return SessionView.of(session, queries.steps(session.id()));
    }

    @GET
    @Operation(summary = "List sessions, newest first")
    public SessionView.Page list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        SessionStatus wanted = null;
        if (status != null) {
            wanted = SessionStatus.fromApiName(status);
            if (wanted == null) {
                throw ProblemException.badRequest("Unknown status '" + status + "'");
            }
        }
        int pageSize = QueryParams.integer("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE);
        int skip = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        SessionQueries.Page page = queries.list(wanted, Caller.of(security).ownerFilter(), pageSize, skip);
        return new SessionView.Page(page.sessions().stream().map(SessionView.Summary::of).toList(), page.total(),
                pageSize, skip);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a session")
    public SessionView cancel(@PathParam("id") String id) {
        AgentSession session = plans.cancel(find(id).id());
        return SessionView.of(session, queries.steps(session.id()));
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "Messages between the session's agents")
    public SessionView.Messages messages(@PathParam("id") String id) {
        AgentSession session = find(id);
        Map<UUID, String> names = queries.agentNames();
        List<SessionView.Message> messages = queries.messages(session.id()).stream()
                .map(m -> SessionView.Message.of(m, names)).toList();
        return new SessionView.Messages(session.id(), messages);
    }

    /** The caller's session (any for operators): another user's answers 404 as an unknown one. */
    private AgentSession find(String id) {
        UUID sessionId = ProblemException.uuidOrNotFound("session", id);
        Caller caller = Caller.of(security);
        return queries.find(sessionId).filter(s -> caller.sees(s.userId()))
                .orElseThrow(() -> ProblemException.notFound("No session with id " + sessionId));
    }
}
