package io.agentry.memory.boundary;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.memory.control.Memories;
import io.agentry.memory.entity.MemoryEntry;
import io.agentry.memory.entity.MemoryType;
import io.agentry.platform.boundary.OpenApiConventions;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import io.agentry.platform.control.Json;
import io.agentry.security.boundary.Caller;
import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/agents/{name}/memory}: what an agent remembers for the calling user — always that
 * user's own entries, so another user's key is simply not there (404). The key {@code stats} is
 * answered by the statistics, not by an entry of that name.
 */
@Path("agents/{name}/memory")
@RolesAllowed(Role.USER_NAME)
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {

    private static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;

    @Inject
    AgentRegistry registry;

    @Inject
    Memories memories;

    @Inject
    @ConfigProperty(name = "agentry.memory.max-value-bytes", defaultValue = "65536")
    int maxValueBytes;

    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @PathParam("name")
    String agentName;

    @GET
    public Map<String, Object> list(@QueryParam("memory_type") String type, @QueryParam("prefix") String prefix,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        MemoryType memoryType = type == null ? null : memoryType(type);
        Memories.Page page = memories.list(agent(), user(), memoryType, prefix,
                QueryParams.integer("limit", limit, 100, 1, 1000),
                QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memories", page.entries().stream().map(MemoryView::of).toList());
        body.put("total", page.total());
        return body;
    }

    @GET
    @Path("stats")
    public Map<String, Object> stats() {
        Map<MemoryType, Memories.TypeStats> stats = memories.stats(agent(), user());
        Map<String, Object> byType = new LinkedHashMap<>();
        long total = 0;
        long accesses = 0;
        for (Map.Entry<MemoryType, Memories.TypeStats> type : stats.entrySet()) {
            Memories.TypeStats of = type.getValue();
            Map<String, Object> typeBody = new LinkedHashMap<>();
            typeBody.put("count", of.count());
            typeBody.put("access_count", of.accesses());
            typeBody.put("oldest_created_at", of.oldest());
            typeBody.put("newest_created_at", of.newest());
            byType.put(type.getKey().apiName(), typeBody);
            total += of.count();
            accesses += of.accesses();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", agentName);
        body.put("total", total);
        body.put("access_count", accesses);
        body.put("by_type", byType);
        return body;
    }

    @GET
    @Path("{key}")
    public MemoryView get(@PathParam("key") String key) {
        return memories.read(agent(), user(), key).map(MemoryView::of).orElseThrow(() -> notFound(key));
    }

    /** Creates (201) or replaces (200) the entry of {@code key}. */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = MemoryView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MemoryView.class)))
    @APIResponse(responseCode = "422", ref = OpenApiConventions.UNPROCESSABLE_CONTENT)
    public Response put(@PathParam("key") String key, MemoryRequest request) {
        if (request == null || request.value() == null || request.value().isNull()) {
            throw unprocessable("'value' is required: any JSON value except null");
        }
        if (key.isBlank() || key.length() > MemoryEntry.MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw unprocessable("the key must be 1 to " + MemoryEntry.MAX_KEY_LENGTH + " characters, without control characters");
        }
        String valueJson = Json.write(request.value());
        if (valueJson.getBytes(StandardCharsets.UTF_8).length > maxValueBytes) {
            throw unprocessable("'value' takes more than " + maxValueBytes + " bytes as JSON");
        }
        MemoryType type = request.memoryType() == null ? MemoryType.LONG_TERM : memoryType(request.memoryType());
        Long ttl = request.ttlSeconds();
        if (ttl != null && (ttl < 1 || ttl > MAX_TTL_SECONDS)) {
            throw unprocessable("'ttl_seconds' must be between 1 and " + MAX_TTL_SECONDS);
        }
        Memories.Written written = memories.write(agent(), user(), key, valueJson, type,
                ttl == null ? null : Duration.ofSeconds(ttl));
        MemoryView view = MemoryView.of(written.entry());
        if (!written.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uriInfo.getAbsolutePath()).entity(view).build();
    }

    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("key") String key) {
        if (!memories.delete(agent(), user(), key)) {
            throw notFound(key);
        }
        return Response.noContent().build();
    }

    /** Forgets all of the caller's entries for the agent. */
    @DELETE
    public Map<String, Object> clear() {
        return Map.of("deleted", memories.clear(agent(), user()));
    }

    private UUID agent() {
        return registry.find(agentName).map(Agent::id)
                .orElseThrow(() -> ProblemException.notFound("No agent named '" + agentName + "'"));
    }

    /** Always the caller's own memory, whatever their role: memory is personal, not administered. */
    private String user() {
        return Caller.of(security).name();
    }

    private static MemoryType memoryType(String name) {
        MemoryType type = MemoryType.fromApiName(name);
        if (type == null) {
            throw ProblemException.badRequest("'memory_type' must be short_term, long_term or episodic");
        }
        return type;
    }

    private static ProblemException notFound(String key) {
        return ProblemException.notFound("No memory entry '" + key + "'");
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", detail));
    }
}
