package io.agentry.health.boundary;

import io.agentry.agents.control.AgentStatuses;
import io.agentry.tasks.control.QueueStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the agents and the work in hand. It stays up when agents are unhealthy: their breakers
 * and the rotation deal with that, and taking this server out of a load balancer would not help.
 */
@Readiness
@ApplicationScoped
public class AgentsReadiness implements HealthCheck {

    @Inject
    AgentStatuses statuses;

    @Inject
    QueueStatistics queue;

    @Override
    public HealthCheckResponse call() {
        AgentStatuses.Census census = statuses.census();
        QueueStatistics.Depths depths = queue.depths();
        return HealthCheckResponse.named("agents").up()
                .withData("agents_healthy", census.healthy())
                .withData("agents_total", census.total())
                .withData("active_tasks", depths.inFlight())
                .withData("queue_size", depths.queued())
                .build();
    }
}
