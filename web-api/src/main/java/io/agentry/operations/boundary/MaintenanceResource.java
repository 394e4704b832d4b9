package io.agentry.operations.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.audit.boundary.Audited;
import io.agentry.tasks.control.TaskRecovery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/maintenance}: clearing out finished work.
 */
@Path("maintenance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class MaintenanceResource {

    private static final int DEFAULT_DAYS = 30;

    @Inject
    TaskRecovery recovery;

    /** The body of {@code POST /api/maintenance/cleanup}; {@code older_than_days} defaults to 30. */
    public record CleanupRequest(@Min(0) @Max(TaskRecovery.MAX_CLEANUP_DAYS) Integer olderThanDays) {
    }

    /** How many finished tasks were deleted, and how old they had to be. */
    public record Cleaned(int deleted, int olderThanDays) {
    }

    /** Deletes finished tasks (and their traces and dead letters) that ended more than the given days ago. */
    @POST
    @Path("cleanup")
    @Audited("maintenance.cleanup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete finished tasks that ended more than older_than_days (30) ago")
    public Cleaned cleanup(@Valid CleanupRequest request) {
        int days = request == null || request.olderThanDays() == null ? DEFAULT_DAYS : request.olderThanDays();
        return new Cleaned(recovery.cleanup(Duration.ofDays(days)), days);
    }
}
