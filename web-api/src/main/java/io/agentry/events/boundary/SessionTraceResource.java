package io.agentry.events.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.events.control.EventTraces;
import io.agentry.events.control.LifecycleEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import io.agentry.security.boundary.Caller;
import io.agentry.sessions.control.SessionQueries;
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
@RolesAllowed(Role.USER_NAME)
public class SessionTraceResource {

    /** The export document. */
    @Schema(name = "SessionTrace")
    public record Trace(UUID sessionId, List<LifecycleEvent> events) {
    }

    @Inject
    EventTraces traces;

    @Inject
    SessionQueries sessions;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Export the whole recorded execution of a session")
    public Trace trace(@PathParam("id") String id) {
        UUID sessionId = SessionIds.visible(id, sessions, Caller.of(security));
        return new Trace(sessionId, traces.ofSession(sessionId));
    }
}
