package io.agentry.metrics.control;

import io.agentry.agents.control.AgentStatuses;
import io.agentry.sessions.control.SessionQueries;
import io.agentry.tasks.control.QueueStatistics;
import io.agentry.tasks.control.TaskQueries;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/**
 * The gauges, read once per scrape from the controls that {@code /api/stats}, {@code /api/queues},
 * {@code /api/tasks/counts}, {@code /health} and the MBeans read, so all of them agree. Queue and
 * task figures come from the database (the whole cluster); agent health and breakers are this
 * instance's.
 */
final class OrchestratorState implements MultiCollector {

    static final String ACTIVE_TASKS = "orchestrator_active_tasks";
    static final String QUEUE_SIZE = "orchestrator_queue_size";
    static final String DEAD_LETTER_QUEUE_SIZE = "orchestrator_dead_letter_queue_size";
    static final String TASKS = "orchestrator_tasks";
    static final String SESSIONS = "orchestrator_sessions";
    static final String AGENT_HEALTH = "orchestrator_agent_health";
    static final String CIRCUIT_BREAKER_STATE = "orchestrator_circuit_breaker_state";

    private final QueueStatistics queue;
    private final TaskQueries tasks;
    private final SessionQueries sessions;
    private final AgentStatuses agents;

    OrchestratorState(QueueStatistics queue, TaskQueries tasks, SessionQueries sessions, AgentStatuses agents) {
        this.queue = queue;
        this.tasks = tasks;
        this.sessions = sessions;
        this.agents = agents;
    }

    @Override
    public MetricSnapshots collect() {
        QueueStatistics.Depths depths = queue.depths();
        GaugeSnapshot.Builder queueSize = gauge(QUEUE_SIZE,
                "Tasks waiting on the queue, by priority (5 highest), as GET /api/queues queued_by_priority");
        depths.queuedByPriority().forEach((priority, count) -> queueSize.dataPoint(point(count, "priority",
                priority.toString())));
        GaugeSnapshot.Builder byStatus = gauge(TASKS, "Tasks by status, as GET /api/tasks/counts");
        tasks.countByStatus().forEach((status, count) -> byStatus.dataPoint(point(count, "status", status.apiName())));
        GaugeSnapshot.Builder sessionsByStatus = gauge(SESSIONS, "Sessions (plans) by status, as GET /api/stats");
        for (Map.Entry<String, Long> e : sessions.countByStatus().entrySet()) {
            sessionsByStatus.dataPoint(point(e.getValue(), "status", e.getKey()));
        }
        GaugeSnapshot.Builder health = gauge(AGENT_HEALTH, "1 when the active agent is healthy, else 0");
        GaugeSnapshot.Builder breakers = gauge(CIRCUIT_BREAKER_STATE,
                "The agent's circuit breaker on this instance: 0 closed (or none), 1 half-open, 2 open");
        for (AgentStatuses.Health agent : agents.health()) {
            health.dataPoint(point(agent.healthy() ? 1 : 0, "agent", agent.name()));
            breakers.dataPoint(point(breakerValue(agent.circuitBreaker()), "agent", agent.name()));
        }
        return MetricSnapshots.of(
                gauge(ACTIVE_TASKS, "Tasks in progress (in flight), as GET /api/queues in_flight")
                        .dataPoint(point(depths.inFlight())).build(),
                queueSize.build(),
                gauge(DEAD_LETTER_QUEUE_SIZE, "Dead tasks on the dead letter queue, as GET /api/queues dead")
                        .dataPoint(point(depths.dead())).build(),
                byStatus.build(),
                sessionsByStatus.build(),
                health.build(),
                breakers.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(ACTIVE_TASKS, QUEUE_SIZE, DEAD_LETTER_QUEUE_SIZE, TASKS, SESSIONS, AGENT_HEALTH,
                CIRCUIT_BREAKER_STATE);
    }

    /** 0 closed, 1 half-open, 2 open (DESIGN §8); an agent without a breaker never refuses, as closed. */
    static int breakerValue(String state) {
        return switch (state) {
            case "open" -> 2;
            case "half_open" -> 1;
            default -> 0;
        };
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
