package io.agentry.events.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.events.control.EventSource;
import io.agentry.events.control.EventStreams;
import io.agentry.events.control.EventTraces;
import io.agentry.events.control.LifecycleEvent;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.tasks.control.TaskQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import io.agentry.security.boundary.Caller;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.UUID;

/**
 * {@code /api/tasks/{id}/events} by {@code Accept}: the recorded trace as a JSON list, or a stream of
 * it and of the events to come ({@code text/event-stream}, {@code application/x-ndjson}) that ends
 * with the task's last event. Streams rank below JSON, so a client that accepts anything gets the
 * list.
 */
@Path("tasks/{id}/events")
@RequestScoped
@RolesAllowed(Role.USER_NAME)
public class TaskEventsResource {

    /** The three representations are one operation in the OpenAPI document; this describes them all. */
    static final String EVENTS = "JSON: the stored events. SSE: one event each (event name = event_type, "
            + "id = seq, data = the event), then the live ones. NDJSON: one event per line, then the live ones.";

    @Inject
    TaskQueries queries;

    @Inject
    EventTraces traces;

    @Inject
    EventStreams streams;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The task's events: the stored trace (JSON), or a stream of it and the events to come"
            + " (text/event-stream, application/x-ndjson)", description = "A stream ends after the task's last event.")
    public List<LifecycleEvent> trace(@PathParam("id") String id) {
        return traces.ofTask(find(id));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @APIResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = LifecycleEvent.class)))
    public void serverSentEvents(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        ServerSentEvents.start(streams, EventSource.ofTask(find(id), traces), sink, sse);
    }

    @GET
    @Produces(JsonLines.MEDIA_TYPE + ";qs=0.5")
    @APIResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = JsonLines.MEDIA_TYPE, schema = @Schema(implementation = LifecycleEvent.class)))
    public void jsonLines(@PathParam("id") String id, @Suspended AsyncResponse response) {
        JsonLines.start(streams, EventSource.ofTask(find(id), traces), response);
    }

    private UUID find(String id) {
        UUID taskId = ProblemException.uuidOrNotFound("task", id);
        Caller caller = Caller.of(security);
        return queries.find(taskId).filter(t -> caller.sees(t.owner())).orElseThrow(() -> ProblemException.notFound("No task with id " + taskId)).id();
    }
}
