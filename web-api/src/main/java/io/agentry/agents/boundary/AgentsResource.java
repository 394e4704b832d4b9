package io.agentry.agents.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.platform.control.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/agents}: the registered agents.
 */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    AgentRegistry registry;

    /** An agent as the API shows it. */
    public record AgentView(UUID id, String name, String type, String description, JsonNode capabilities,
            JsonNode configuration, boolean isActive, Instant createdAt, Instant updatedAt) {

        static AgentView of(Agent agent) {
            return new AgentView(agent.id(), agent.name(), agent.kind().apiName(), agent.description(),
                    Json.read(agent.capabilitiesJson()), Json.read(agent.configurationJson()), agent.isActive(),
                    agent.createdAt(), agent.updatedAt());
        }
    }

    @GET
    public Map<String, Object> list() {
        List<AgentView> agents = registry.all().stream().map(AgentView::of).toList();
        return Map.of("agents", agents, "total", agents.size());
    }
}
