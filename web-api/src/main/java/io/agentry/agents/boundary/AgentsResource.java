package io.agentry.agents.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.control.AgentPauses;
import io.agentry.agents.control.AgentRegistrations;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.control.AgentStatus;
import io.agentry.agents.control.AgentStatuses;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentEndpoint;
import io.agentry.agents.entity.AgentKind;
import io.agentry.audit.boundary.Audited;
import io.agentry.outbound.boundary.CallableUrls;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.control.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /api/agents}: the registered agents; remote agents registered, changed and retired; any
 * agent's status, pause, resume and breaker reset.
 */
@Path("agents")
@RequestScoped
// One transaction per request, so a view reads the agent's endpoints while the agent is still managed.
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class AgentsResource {

    @Inject
    AgentRegistry registry;

    @Inject
    AgentRegistrations registrations;

    @Inject
    AgentPauses pauses;

    @Inject
    AgentStatuses statuses;

    @Inject
    CallableUrls urls;

    @Context
    UriInfo uriInfo;

    /** An agent as the API shows it. */
    public record AgentView(UUID id, String name, String type, String description, JsonNode capabilities,
            JsonNode configuration, List<EndpointView> endpoints, boolean isActive, boolean isPaused,
            Instant createdAt, Instant updatedAt) {

        static AgentView of(Agent agent) {
            return new AgentView(agent.id(), agent.name(), agent.kind().apiName(), agent.description(),
                    Json.read(agent.capabilitiesJson()), Json.read(agent.configurationJson()),
                    agent.endpoints().stream().map(EndpointView::of).toList(), agent.isActive(), agent.isPaused(),
                    agent.createdAt(), agent.updatedAt());
        }
    }

    public record EndpointView(String url, int weight, boolean healthy) {
        static EndpointView of(AgentEndpoint endpoint) {
            return new EndpointView(endpoint.url().toString(), endpoint.weight(), endpoint.isHealthy());
        }
    }

    @RolesAllowed(Role.USER_NAME)
    @GET
    public Map<String, Object> list() {
        List<AgentView> agents = registry.all().stream().map(AgentView::of).toList();
        return Map.of("agents", agents, "total", agents.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("agent.register")
    public Response register(@NotNull(message = "is required: send a JSON object") @Valid AgentRequest request) {
        if (request.name() == null) {
            throw new ProblemException(Problem.of(400, "Bad Request", "'name' is required"));
        }
        check(request.problem(true));
        checkEndpoints(request);
        Agent agent = registrations.register(request.name(), request.toSpec());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(agent.name()).build())
                .entity(AgentView.of(agent))
                .build();
    }

    @RolesAllowed(Role.USER_NAME)
    @GET
    @Path("{name}")
    public AgentView get(@PathParam("name") String name) {
        return AgentView.of(registry.find(name).orElseThrow(() -> notFound(name)));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("agent.update")
    public AgentView update(@PathParam("name") String name,
            @NotNull(message = "is required: send a JSON object") @Valid AgentRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            throw ProblemException.badRequest("'name' must match the agent in the path, or be left out");
        }
        Agent agent = registry.find(name).filter(Agent::isActive).orElseThrow(() -> notFound(name));
        check(request.problem(agent.kind() == AgentKind.HTTP));
        checkEndpoints(request);
        return AgentView.of(registrations.update(name, request.toSpec()).orElseThrow(() -> notFound(name)));
    }

    @DELETE
    @Path("{name}")
    @Audited("agent.retire")
    public Response retire(@PathParam("name") String name) {
        registrations.retire(name).orElseThrow(() -> notFound(name));
        return Response.noContent().build();
    }

    @RolesAllowed(Role.USER_NAME)
    @GET
    @Path("{name}/status")
    public AgentStatus status(@PathParam("name") String name) {
        return statuses.of(name).orElseThrow(() -> notFound(name));
    }

    @POST
    @Path("{name}/pause")
    @Audited("agent.pause")
    public AgentStatus pause(@PathParam("name") String name) {
        return statusAfter(name, pauses::pause);
    }

    @POST
    @Path("{name}/resume")
    @Audited("agent.resume")
    public AgentStatus resume(@PathParam("name") String name) {
        return statusAfter(name, pauses::resume);
    }

    @POST
    @Path("{name}/circuit-breaker/reset")
    @Audited("agent.breaker_reset")
    public AgentStatus resetBreaker(@PathParam("name") String name) {
        return statusAfter(name, registrations::resetBreakers);
    }

    private AgentStatus statusAfter(String name, Function<String, Optional<Agent>> change) {
        change.apply(name).orElseThrow(() -> notFound(name));
        return statuses.of(name).orElseThrow(() -> notFound(name));
    }

    /** Endpoints the server may not call (SSRF): 422 naming the first one. */
    private void checkEndpoints(AgentRequest request) {
        if (request.endpoints() != null) {
            for (int i = 0; i < request.endpoints().size(); i++) {
                check(urls.problem("endpoints[" + i + "].url", request.endpoints().get(i).url()));
            }
        }
    }

    private static void check(Problem problem) {
        if (problem != null) {
            throw new ProblemException(problem);
        }
    }

    private static ProblemException notFound(String name) {
        return ProblemException.notFound("No agent '" + name + "'");
    }
}
