package io.agentry.operations.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.sessions.control.SessionQueries;
import io.agentry.tasks.control.QueueStatistics;
import io.agentry.tasks.control.TaskQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/stats}: tasks and sessions by status, agents, queue depths.
 */
@Path("stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class StatsResource {

    @Inject
    QueueStatistics queue;

    @Inject
    TaskQueries tasks;

    @Inject
    SessionQueries sessions;

    @Inject
    AgentRegistry agents;

    /** Tasks and sessions by status, the number of agents, the queue depths. */
    public record Stats(Map<String, Long> tasks, long tasksTotal, Map<String, Long> sessions, int agents,
            QueueStatistics.Depths queue) {
    }

    @GET
    @Operation(summary = "Tasks and sessions by status, agents, queue depths")
    public Stats stats() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        tasks.countByStatus().forEach((status, count) -> byStatus.put(status.apiName(), count));
        return new Stats(byStatus, byStatus.values().stream().mapToLong(Long::longValue).sum(),
                sessions.countByStatus(), agents.all().size(), queue.depths());
    }
}
