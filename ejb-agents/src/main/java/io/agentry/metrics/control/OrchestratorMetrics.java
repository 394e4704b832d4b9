package io.agentry.metrics.control;

import io.agentry.agents.control.AgentStatuses;
import io.agentry.platform.control.AfterCommit;
import io.agentry.sessions.control.SessionQueries;
import io.agentry.tasks.control.QueueStatistics;
import io.agentry.tasks.control.TaskQueries;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The metrics served at {@code /metrics} (DESIGN §8). Counters and histograms of task events are
 * updated when the transaction that records the event commits: a rolled-back attempt, redelivered
 * and run again, is counted once. Labels are bounded: agents, outcomes, statuses, priorities, route
 * templates; never task ids or raw paths.
 */
@ApplicationScoped
public class OrchestratorMetrics {

    private static final double[] REQUEST_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] TASK_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};
    private static final double[] WAIT_SECONDS = {0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};

    @Inject
    QueueStatistics queue;

    @Inject
    TaskQueries tasks;

    @Inject
    SessionQueries sessions;

    @Inject
    AgentStatuses agents;

    @Inject
    AfterCommit afterCommit;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private Counter requests;
    private Histogram requestDuration;
    private Counter taskOutcomes;
    private Histogram taskDuration;
    private Histogram queueWait;

    @PostConstruct
    void register() {
        requests = Counter.builder().name("orchestrator_requests_total")
                .help("API requests answered, by route template, method and status class")
                .labelNames("method", "route", "status").withoutExemplars().register(registry);
        requestDuration = Histogram.builder().name("orchestrator_request_duration_seconds")
                .help("Time to answer an API request (to its first byte for streams), by route template and method")
                .labelNames("method", "route").classicOnly().classicUpperBounds(REQUEST_SECONDS)
                .withoutExemplars().register(registry);
        taskOutcomes = Counter.builder().name("orchestrator_task_outcomes_total")
                .help("Task outcomes by agent: completed, failed, retried (a retry scheduled), dead_lettered,"
                        + " timed_out, cancelled")
                .labelNames("agent", "outcome").withoutExemplars().register(registry);
        taskDuration = Histogram.builder().name("orchestrator_task_duration_seconds")
                .help("From a task's first start to its end, by agent and outcome")
                .labelNames("agent", "outcome").classicOnly().classicUpperBounds(TASK_SECONDS)
                .withoutExemplars().register(registry);
        queueWait = Histogram.builder().name("orchestrator_task_queue_wait_seconds")
                .help("From an attempt becoming due (queued, or its retry's time) to its start, by agent")
                .labelNames("agent").classicOnly().classicUpperBounds(WAIT_SECONDS)
                .withoutExemplars().register(registry);
        registry.register(new OrchestratorState(queue, tasks, sessions, agents));
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** An API request was answered. */
    public void requestAnswered(String method, String route, int status, Duration took) {
        String m = RequestLabels.method(method);
        requests.labelValues(m, route, RequestLabels.statusClass(status)).inc();
        requestDuration.labelValues(m, route).observe(seconds(took));
    }

    /** A task's event was recorded; the ones that are outcomes count once their transaction commits. */
    public void taskEvent(Task task, EventType type) {
        TaskOutcome.of(type).ifPresent(outcome -> {
            String agent = task.agent().name();
            Double executionSeconds = outcome.endsTask() ? task.executionSeconds() : null;
            afterCommit.run(() -> {
                taskOutcomes.labelValues(agent, outcome.label()).inc();
                if (executionSeconds != null) {
                    taskDuration.labelValues(agent, outcome.label()).observe(executionSeconds);
                }
            });
        });
    }

    /** An attempt started after waiting this long since it became due. */
    public void attemptStarted(Task task, Duration waited) {
        String agent = task.agent().name();
        afterCommit.run(() -> queueWait.labelValues(agent).observe(seconds(waited)));
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toNanos()) / 1_000_000_000.0;
    }
}
