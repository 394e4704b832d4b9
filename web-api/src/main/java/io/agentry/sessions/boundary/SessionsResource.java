package io.agentry.sessions.boundary;

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
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/sessions}: plans are submitted here and followed.
 */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 50;

    @Inject
    PlanExecution plans;

    @Inject
    SessionQueries queries;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@NotNull(message = "is required: send a JSON object") @Valid PlanRequest request) {
        AgentSession session = plans.start(request.toPlan());
        return Response.accepted(SessionView.Accepted.of(session, queries.steps(session.id())))
                .location(uriInfo.getBaseUriBuilder().path("sessions").path(session.id().toString()).build())
                .build();
    }

    @GET
    @Path("{id}")
    public SessionView get(@PathParam("id") String id) {
        AgentSession session = find(id);
        return SessionView.of(session, queries.steps(session.id()));
    }

    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
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
        SessionQueries.Page page = queries.list(wanted, pageSize, skip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessions", page.sessions().stream().map(SessionView.Summary::of).toList());
        body.put("total", page.total());
        body.put("limit", pageSize);
        body.put("offset", skip);
        return body;
    }

    @POST
    @Path("{id}/cancel")
    public SessionView cancel(@PathParam("id") String id) {
        AgentSession session = plans.cancel(find(id).id());
        return SessionView.of(session, queries.steps(session.id()));
    }

    @GET
    @Path("{id}/messages")
    public Map<String, Object> messages(@PathParam("id") String id) {
        AgentSession session = find(id);
        Map<UUID, String> names = queries.agentNames();
        List<SessionView.Message> messages = queries.messages(session.id()).stream()
                .map(m -> SessionView.Message.of(m, names)).toList();
        return Map.of("session_id", session.id(), "messages", messages);
    }

    private AgentSession find(String id) {
        UUID sessionId = ProblemException.uuidOrNotFound("session", id);
        return queries.find(sessionId).orElseThrow(() -> ProblemException.notFound("No session with id " + sessionId));
    }
}
