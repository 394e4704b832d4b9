package io.agentry.admin.boundary;

import java.util.List;
import java.util.Map;

/** {@code agentry:type=Orchestrator}: tasks, throughput and queue depths; dispatch and recovery. */
public interface OrchestratorMXBean {

    /** Every task status with its number of tasks. */
    Map<String, Long> getTaskCounts();

    long getTasksTotal();

    /** Tasks completed in the last 60 seconds: the current throughput per minute. */
    long getCompletedLastMinute();

    long getQueued();

    long getInFlight();

    long getWaitingForSubtasks();

    long getPaused();

    long getScheduled();

    long getDead();

    long getActiveAgents();

    long getHealthyAgents();

    /** Pauses every active agent: no task starts until they are resumed. Returns the agents paused. */
    List<String> pauseAllAgents();

    /** Resumes every paused agent; their parked tasks are queued again. Returns the agents resumed. */
    List<String> resumeAllAgents();

    /** Takes every dead task off the dead letter queue and queues it again; returns how many. */
    int retryDeadLetters();

    /** Deletes finished tasks that ended more than the given days ago; returns how many. */
    int cleanup(int olderThanDays);
}
