package io.agentry.operations.boundary;

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

/**
 * {@code /api/stats}: tasks and sessions by status, agents, queue depths.
 */
@Path("stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    QueueStatistics queue;

    @Inject
    TaskQueries tasks;

    @Inject
    SessionQueries sessions;

    @Inject
    AgentRegistry agents;

    @GET
    public Map<String, Object> stats() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        tasks.countByStatus().forEach((status, count) -> byStatus.put(status.apiName(), count));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("tasks", byStatus);
        stats.put("tasks_total", byStatus.values().stream().mapToLong(Long::longValue).sum());
        stats.put("sessions", sessions.countByStatus());
        stats.put("agents", agents.all().size());
        stats.put("queue", queue.depths());
        return stats;
    }
}
