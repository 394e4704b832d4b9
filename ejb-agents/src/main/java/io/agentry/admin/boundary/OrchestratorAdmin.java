package io.agentry.admin.boundary;

import io.agentry.agents.control.AgentPauses;
import io.agentry.agents.control.AgentStatuses;
import io.agentry.platform.control.Timestamps;
import io.agentry.tasks.control.QueueStatistics;
import io.agentry.tasks.control.TaskQueries;
import io.agentry.tasks.control.TaskRecovery;
import io.agentry.tasks.entity.TaskStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The orchestrator's MXBean; every call goes to the controls the REST API uses. */
final class OrchestratorAdmin implements OrchestratorMXBean {

    private static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(1);

    private final TaskQueries tasks;
    private final QueueStatistics queue;
    private final AgentStatuses statuses;
    private final AgentPauses pauses;
    private final TaskRecovery recovery;

    OrchestratorAdmin(TaskQueries tasks, QueueStatistics queue, AgentStatuses statuses, AgentPauses pauses,
            TaskRecovery recovery) {
        this.tasks = tasks;
        this.queue = queue;
        this.statuses = statuses;
        this.pauses = pauses;
        this.recovery = recovery;
    }

    @Override
    public Map<String, Long> getTaskCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tasks.countByStatus().forEach((status, count) -> counts.put(status.apiName(), count));
        return counts;
    }

    @Override
    public long getTasksTotal() {
        return tasks.countByStatus().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public long getCompletedLastMinute() {
        return tasks.completedSince(Timestamps.now().minus(THROUGHPUT_WINDOW));
    }

    @Override
    public long getQueued() {
        return queue.depths().queued();
    }

    @Override
    public long getInFlight() {
        return queue.depths().inFlight();
    }

    @Override
    public long getWaitingForSubtasks() {
        return queue.depths().waitingForSubtasks();
    }

    @Override
    public long getPaused() {
        return queue.depths().paused();
    }

    @Override
    public long getScheduled() {
        return queue.depths().scheduled();
    }

    @Override
    public long getDead() {
        return queue.depths().dead();
    }

    @Override
    public long getActiveAgents() {
        return statuses.census().total();
    }

    @Override
    public long getHealthyAgents() {
        return statuses.census().healthy();
    }

    @Override
    public List<String> pauseAllAgents() {
        return pauses.pauseAll();
    }

    @Override
    public List<String> resumeAllAgents() {
        return pauses.resumeAll();
    }

    @Override
    public int retryDeadLetters() {
        return recovery.retryAll(TaskStatus.DEAD, null);
    }

    @Override
    public int cleanup(int olderThanDays) {
        if (olderThanDays < 0 || olderThanDays > TaskRecovery.MAX_CLEANUP_DAYS) {
            throw new IllegalArgumentException("olderThanDays must be 0 to " + TaskRecovery.MAX_CLEANUP_DAYS);
        }
        return recovery.cleanup(Duration.ofDays(olderThanDays));
    }
}
