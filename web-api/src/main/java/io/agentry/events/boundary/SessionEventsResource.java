package io.agentry.events.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.events.control.EventSource;
import io.agentry.events.control.EventStreams;
import io.agentry.events.control.EventTraces;
import io.agentry.events.control.LifecycleEvent;
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
import io.agentry.sessions.control.SessionQueries;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/sessions/{id}/events} by {@code Accept}: the session's recorded events (its own and its
 * steps') as a JSON list, or a stream of them and of the events to come ({@code text/event-stream},
 * {@code application/x-ndjson}) that ends with the session's last event. Its own class, with the
 * longer path, so it is matched before the sessions resource at {@code sessions}.
 */
@Path("sessions/{id}/events")
@RequestScoped
@RolesAllowed(Role.USER_NAME)
public class SessionEventsResource {

    @Inject
    EventTraces traces;

    @Inject
    SessionQueries sessions;

    @Context
    SecurityContext security;

    @Inject
    EventStreams streams;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The session's events: the stored trace (JSON), or a stream of it and the events to come"
            + " (text/event-stream, application/x-ndjson)", description = "A stream ends after the session's last event.")
    public List<LifecycleEvent> trace(@PathParam("id") String id) {
        return traces.ofSession(SessionIds.visible(id, sessions, Caller.of(security)));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @APIResponse(responseCode = "200", description = TaskEventsResource.EVENTS,
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = LifecycleEvent.class)))
    public void serverSentEvents(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        ServerSentEvents.start(streams, EventSource.ofSession(SessionIds.visible(id, sessions, Caller.of(security)), traces), sink, sse);
    }

    @GET
    @Produces(JsonLines.MEDIA_TYPE + ";qs=0.5")
    @APIResponse(responseCode = "200", description = TaskEventsResource.EVENTS,
            content = @Content(mediaType = JsonLines.MEDIA_TYPE, schema = @Schema(implementation = LifecycleEvent.class)))
    public void jsonLines(@PathParam("id") String id, @Suspended AsyncResponse response) {
        JsonLines.start(streams, EventSource.ofSession(SessionIds.visible(id, sessions, Caller.of(security)), traces), response);
    }
}
