package io.agentry.events.boundary;

import io.agentry.events.control.EventTraces;
import io.agentry.events.control.LifecycleEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code /api/sessions/{id}/trace}: the whole recorded execution of a session, for export.
 */
@Path("sessions/{id}/trace")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionTraceResource {

    /** The export document. */
    @Schema(name = "SessionTrace")
    public record Trace(UUID sessionId, List<LifecycleEvent> events) {
    }

    @Inject
    EventTraces traces;

    @GET
    @Operation(summary = "Export the whole recorded execution of a session")
    public Trace trace(@PathParam("id") String id) {
        UUID sessionId = SessionIds.existing(id, traces);
        return new Trace(sessionId, traces.ofSession(sessionId));
    }
}
