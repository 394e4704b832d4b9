package io.agentry.operations.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.tasks.control.QueueStatistics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/queues}: waiting tasks by priority, in flight, waiting for subtasks, scheduled, dead.
 */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class QueuesResource {

    @Inject
    QueueStatistics queue;

    @GET
    @Operation(summary = "Queue depths: waiting by priority, in flight, waiting for subtasks, scheduled, dead")
    public QueueStatistics.Depths depths() {
        return queue.depths();
    }
}
