package io.agentry.platform.boundary;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Writes the API's conventions into its OpenAPI document, so that a new endpoint is documented
 * without annotations of its own: each operation is tagged with its first path segment, and gets
 * the problem responses every endpoint of its shape can give (the {@code components.responses} of
 * {@link AgentryApi}). Responses only some endpoints give (422; 413 and 429 for limits of their own)
 * are declared on those methods with {@code @APIResponse(ref = ...)}. Applied at build time, when the
 * document is generated.
 */
public class OpenApiConventions implements OASFilter {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String CONTENT_TOO_LARGE = "ContentTooLarge";
    public static final String UNPROCESSABLE_CONTENT = "UnprocessableContent";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private static final String API_PREFIX = "/api/";
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);
    private static final Set<String> STREAMS = Set.of("text/event-stream", "application/x-ndjson");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> tags = new TreeSet<>();
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            tags.addAll(tag(path, operation));
            addProblems(path, method, operation);
        }));
        if (api.getTags() != null) {
            api.getTags().stream().map(Tag::getName).forEach(tags::remove);
        }
        tags.forEach(name -> api.addTag(OASFactory.createTag().name(name)));
    }

    /** An untagged operation takes the first segment of its path ({@code /api/tasks/{id}} → tasks). */
    private static Set<String> tag(String path, Operation operation) {
        if ((operation.getTags() == null || operation.getTags().isEmpty()) && path.startsWith(API_PREFIX)) {
            String rest = path.substring(API_PREFIX.length());
            int slash = rest.indexOf('/');
            operation.addTag(slash < 0 ? rest : rest.substring(0, slash));
        }
        return operation.getTags() == null ? Set.of() : Set.copyOf(operation.getTags());
    }

    /**
     * 400 where the request carries input (body, query or header), 404 where a path names
     * something, 409 where a write acts on something named, 503 for writes (a full queue, an
     * unavailable broker) and for event streams (too many open), 413 where there is a body (too
     * large), and 429 everywhere (the caller's request rate).
     */
    private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
        boolean namesSomething = path.contains("{");
        boolean write = WRITES.contains(method);
        if (operation.getRequestBody() != null || hasInputParameters(operation)) {
            addResponse(operation, "400", BAD_REQUEST);
        }
        if (namesSomething) {
            addResponse(operation, "404", NOT_FOUND);
        }
        if (namesSomething && write) {
            addResponse(operation, "409", CONFLICT);
        }
        if (write || streams(operation)) {
            addResponse(operation, "503", SERVICE_UNAVAILABLE);
        }
        if (operation.getRequestBody() != null) {
            addResponse(operation, "413", CONTENT_TOO_LARGE);
        }
        addResponse(operation, "429", TOO_MANY_REQUESTS);
    }

    private static boolean hasInputParameters(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.HEADER);
    }

    private static boolean streams(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return false;
        }
        return operation.getResponses().getAPIResponses().values().stream()
                .map(APIResponse::getContent)
                .filter(content -> content != null && content.getMediaTypes() != null)
                .map(Content::getMediaTypes)
                .map(Map::keySet)
                .anyMatch(types -> types.stream().anyMatch(STREAMS::contains));
    }

    private static void addResponse(Operation operation, String status, String component) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }
}
