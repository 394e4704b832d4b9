package io.agentry.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API lives under {@code /api}; resources and providers are found by scanning. The
 * annotations describe the API as a whole for its OpenAPI document (see {@link OpenApiConventions}).
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        // The version is the project's, set when the build generates the document.
        info = @Info(title = "Agentry", version = "",
                description = "Agent orchestration: tasks on a priority queue, plans run as sessions, their events "
                        + "and operations. JSON field names are snake_case; unknown fields are refused. Errors are "
                        + "application/problem+json (RFC 9457). Besides these endpoints, the WebSocket "
                        + "/ws/sessions/{id} streams a session's events. Every endpoint needs a caller: HTTP Basic, a bearer "
                        + "JWT or the login page's session; without one the answer is 401, without the role 403."),
        servers = @Server(url = "/", description = "This server"),
        tags = {
            @Tag(name = "tasks", description = "Submit tasks, follow them, cancel, retry and delete them"),
            @Tag(name = "sessions", description = "Plans of steps run as sessions; their events, trace and messages"),
            @Tag(name = "agents", description = "The registered agents"),
            @Tag(name = "dead-letters", description = "Tasks that died, and putting them back on the queue"),
            @Tag(name = "queues", description = "Waiting tasks by priority, in flight, scheduled, dead"),
            @Tag(name = "stats", description = "Tasks and sessions by status, agents, queue depths"),
            @Tag(name = "maintenance", description = "Clearing out finished work"),
            @Tag(name = "users", description = "Users and their roles (admin); who you are; your own password"),
            @Tag(name = "audit", description = "Who did what: operators' and admins' actions (admins only)")
        },
        components = @Components(responses = {
            @APIResponse(name = OpenApiConventions.BAD_REQUEST, responseCode = "400",
                    description = "The request is malformed or a field is invalid (errors[] names the fields)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.NOT_FOUND, responseCode = "404",
                    description = "Nothing has this id",
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.CONFLICT, responseCode = "409",
                    description = "Not possible in its current state (e.g. it has already ended)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.CONTENT_TOO_LARGE, responseCode = "413",
                    description = "The body is larger than the server takes (agentry.api.max-body-bytes), or holds "
                            + "more items than one request may carry",
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.UNPROCESSABLE_CONTENT, responseCode = "422",
                    description = "Well-formed, but names nothing that can run it (unknown agent or pattern)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.TOO_MANY_REQUESTS, responseCode = "429",
                    description = "A rate limit is reached (the caller's requests, or an agent's tasks); try again "
                            + "after Retry-After seconds",
                    headers = @Header(name = "Retry-After", description = "Seconds to wait",
                            schema = @Schema(type = SchemaType.INTEGER)),
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiConventions.SERVICE_UNAVAILABLE, responseCode = "503",
                    description = "The queue is full, the broker is unavailable or too many streams are open; "
                            + "try again after Retry-After seconds",
                    headers = @Header(name = "Retry-After", description = "Seconds to wait",
                            schema = @Schema(type = SchemaType.INTEGER)),
                    content = @Content(mediaType = Problem.MEDIA_TYPE_NAME, schema = @Schema(implementation = Problem.class)))
        }))
public class AgentryApi extends Application {

    /**
     * Payara's Jersey would register its own Jackson and JSON-B providers, with their own object
     * mappers; naming a JSON feature they do not match keeps {@link JsonProvider} the only one.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.jsonFeature", "AgentryJson",
                // Jersey's own enforcement of @RolesAllowed on resources: 403 for a caller without the role.
                "jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
