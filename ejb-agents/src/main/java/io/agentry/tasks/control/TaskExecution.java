package io.agentry.tasks.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.agents.spi.Subtask;
import io.agentry.agents.control.AgentPauses;
import io.agentry.metrics.control.OrchestratorMetrics;
import io.agentry.resilience.control.DispatchGate;
import io.agentry.routing.control.UnroutableTaskException;
import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Json;
import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.control.PlanExecution;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt of a task, from the agent's side: start it, then record its result or its failure
 * (retry with backoff, dead letter, or fail); and, for the watchdog, the end of a task past its
 * deadline and of an attempt whose worker is lost. A task that is a plan's step reports its end to
 * the plan in the same transaction. An outcome for an attempt that is no longer in progress (the
 * task timed out, or the watchdog gave the attempt up) is dropped: the message is simply consumed.
 */
@Stateless
public class TaskExecution {

    private static final Logger LOG = Logger.getLogger(TaskExecution.class.getName());
    private static final TaskLog TASK_LOG = TaskLog.of(TaskExecution.class);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    TaskQueue queue;

    @Inject
    TaskRows rows;

    @Inject
    EventLog events;

    @Inject
    PlanExecution plans;

    @Inject
    Subtasks subtasks;

    @Inject
    TaskTimeouts timeouts;

    @Inject
    AgentPauses pauses;

    @Inject
    DispatchGate gate;

    @Inject
    OrchestratorMetrics metrics;

    /**
     * Decides what becomes of a delivered attempt, in its own transaction: a stale message (an older
     * attempt, a finished or cancelled task) is consumed; a task past its deadline is timed out; an
     * attempt of a paused agent is parked ({@code paused}) until the agent is resumed; one the
     * dispatch gate holds back is deferred; otherwise the attempt is marked {@code in_progress} and
     * runs, for at most its limit (never beyond the deadline), after which and a grace the watchdog
     * takes its worker for lost. A message that arrives before the transaction that sent it is
     * visible here (no task yet, or the task not yet queued for this attempt) is refused, so the
     * broker redelivers it: it is never dropped.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Admission begin(TaskDelivery delivery) {
        Task task = em.find(Task.class, delivery.taskId());
        if (task != null) {
            task = current(task);
        }
        if (task == null || task.isBehind(delivery.attempt())) {
            DeliveryAheadException ahead = new DeliveryAheadException(delivery);
            LOG.info(ahead::getMessage);
            throw ahead;
        }
        if (!task.awaits(delivery.attempt())) {
            LOG.fine(() -> "Skipping stale message for task " + delivery.taskId() + " attempt " + delivery.attempt());
            return Admission.SKIP;
        }
        Instant now = Timestamps.now();
        if (task.isPastDeadline(now)) {
            timeOut(task, now);
            return Admission.SKIP;
        }
        if (pauses.parkIfPaused(task, now)) {
            return Admission.SKIP;
        }
        Optional<DispatchGate.Wait> wait = gate.holdBack(task.agent(), delivery.tokenReserved());
        if (wait.isPresent()) {
            return new Admission.Defer(wait.get().delay(), wait.get().tokenReserved());
        }
        Duration limit = timeouts.attemptLimit(task, now);
        Duration waited = task.waitSinceDue(now);
        task.start(now, timeouts.attemptDeadline(now, limit));
        if (waited != null) {
            metrics.attemptStarted(task, waited);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", delivery.attempt());
        data.put("redelivered", delivery.redelivered());
        events.record(task, EventType.TASK_STARTED, data, now);
        AgentTask attempt = new AgentTask(task.id(), task.agent().name(), task.currentAttempt(),
                Json.read(task.inputJson()), Json.read(task.metadataJson()), task.sessionId(), task.stepId(),
                limit, task.spawnedSubtasks() ? subtasks.resultsOf(task.id()) : List.of(), task.owner());
        TASK_LOG.log(Level.FINE, attempt, "Task " + task.id() + " attempt " + attempt.attempt() + " started");
        return new Admission.Run(attempt);
    }

    /** Re-sends an attempt the gate held back, in the transaction that consumes its message. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void defer(TaskDelivery delivery, Admission.Defer defer) {
        Task task = em.find(Task.class, delivery.taskId());
        if (task != null && current(task).awaits(delivery.attempt())) {
            queue.send(task, defer.delay(), defer.tokenReserved());
        }
    }

    /** Stores the result; joins the transaction that consumes the task message. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void complete(AgentTask attempt, JsonNode output) {
        Task task = running(attempt);
        if (task == null) {
            return;
        }
        gate.outcome(task.agent(), false);
        Instant now = Timestamps.now();
        if (task.cancelRequested()) {
            task.endCancelled(Json.write(output), now);
            events.record(task, EventType.TASK_CANCELLED, Map.of("attempt", attempt.attempt(), "while_running", true),
                    now);
        } else {
            task.complete(Json.write(output), now);
            events.record(task, EventType.TASK_COMPLETED,
                    Map.of("attempt", attempt.attempt(), "execution_time", task.executionSeconds()), now);
            TASK_LOG.log(Level.FINE, attempt, "Task " + task.id() + " completed in " + task.executionSeconds() + " s");
        }
        ended(task, now);
    }

    /**
     * Records a failed attempt: a permanent failure fails the task; a retryable one schedules the
     * next attempt as a delayed message, or dead-letters the task when its retries are spent, or
     * times it out when its deadline comes first. An attempt that could not reach its agent, or whose
     * failure left the agent's breaker open, is not counted: the same attempt waits and runs again.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void fail(AgentTask attempt, AgentFailure failure) {
        Task task = running(attempt);
        if (task == null) {
            return;
        }
        Instant now = Timestamps.now();
        String error = failure.getMessage();
        Optional<Duration> breakerOpen = gate.outcome(task.agent(), failure.isRetryable());
        Duration unavailable = failure.unavailableFor() != null ? failure.unavailableFor() : breakerOpen.orElse(null);
        if (unavailable != null && !task.cancelRequested()) {
            task.queue(now);
            queue.send(task, unavailable);
            events.record(task, EventType.TASK_QUEUED, Map.of("attempt", attempt.attempt(), "deferred_ms",
                    unavailable.toMillis(), "reason", error), now);
            TASK_LOG.log(Level.INFO, attempt, "Task " + task.id() + " attempt " + attempt.attempt() + " waits "
                    + unavailable.toMillis() + " ms, its agent is unavailable: " + error);
            return;
        }
        if (task.cancelRequested()) {
            task.endCancelled(null, now);
            events.record(task, EventType.TASK_CANCELLED, Map.of("attempt", attempt.attempt(), "while_running", true),
                    now);
        } else if (!failure.isRetryable()) {
            task.fail(error, now);
            events.record(task, EventType.TASK_FAILED,
                    Map.of("attempt", attempt.attempt(), "error", error, "retryable", false), now);
            TASK_LOG.log(Level.WARNING, attempt, "Task " + task.id() + " failed: " + error, failure.getCause());
        } else {
            retryOrEnd(task, error, false, now);
            TASK_LOG.log(task.status() == TaskStatus.RETRY_SCHEDULED ? Level.INFO : Level.WARNING, attempt,
                    "Task " + task.id() + " attempt " + attempt.attempt() + " failed, the task is now "
                            + task.status().apiName() + ": " + error, failure.getCause());
            return;
        }
        ended(task, now);
    }

    /**
     * The agent handed part of the attempt to subtasks: they are dispatched and the task waits, in
     * the transaction that consumes its message. A subtask no agent can take fails the task.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void awaitSubtasks(AgentTask attempt, List<Subtask> work) {
        Task task = running(attempt);
        if (task == null) {
            return;
        }
        try {
            subtasks.spawn(task, work, Timestamps.now());
            gate.outcome(task.agent(), false);
        } catch (UnroutableTaskException e) {
            fail(attempt, AgentFailure.permanent("Subtask refused: " + e.getMessage()));
        }
    }

    /** Times the task out if it is still active past its deadline; once, whoever asks. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void expire(UUID taskId) {
        Task task = locked(taskId);
        Instant now = Timestamps.now();
        if (task != null && task.isActive() && task.isPastDeadline(now)) {
            timeOut(task, now);
        }
    }

    /**
     * Gives up an attempt still in progress past its attempt deadline (its worker died with its
     * message, or hangs): like a retryable failure, the next attempt is scheduled, or the task is
     * dead or timed out. Once, whoever asks: the row is locked and the condition read again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recoverLostAttempt(UUID taskId) {
        Task task = locked(taskId);
        Instant now = Timestamps.now();
        if (task == null || !task.isLost(now)) {
            return;
        }
        LOG.warning(() -> "Task " + taskId + ": attempt " + task.currentAttempt() + " had no outcome by "
                + task.attemptDeadline() + "; taking its worker for lost");
        if (task.cancelRequested()) {
            task.endCancelled(null, now);
            events.record(task, EventType.TASK_CANCELLED,
                    Map.of("attempt", task.currentAttempt(), "while_running", true, "lost", true), now);
            ended(task, now);
        } else {
            retryOrEnd(task, "Attempt " + task.currentAttempt() + " had no outcome by its deadline "
                    + task.attemptDeadline() + ": its worker was lost", true, now);
        }
    }

    /**
     * The current attempt failed in a way another attempt may fix: the next one is sent with its
     * backoff delay, or the task is timed out (its deadline) or dead (its retries).
     */
    private void retryOrEnd(Task task, String error, boolean lost, Instant now) {
        int attempt = task.currentAttempt();
        Duration delay = task.failAttempt(error, now, ThreadLocalRandom.current()::nextDouble);
        if (delay != null) {
            queue.send(task, delay);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("attempt", attempt);
            data.put("next_attempt", task.currentAttempt());
            data.put("delay_ms", delay.toMillis());
            data.put("next_attempt_at", task.nextAttemptAt().toString());
            data.put("error", error);
            if (lost) {
                data.put("lost", true);
            }
            events.record(task, EventType.TASK_RETRY_SCHEDULED, data, now);
            return;
        }
        if (task.status() == TaskStatus.TIMED_OUT) {
            events.record(task, EventType.TASK_TIMED_OUT, Map.of("attempt", attempt,
                    "deadline", task.deadline().toString(), "error", task.errorMessage()), now);
        } else {
            queue.deadLetter(task, now);
            events.record(task, EventType.TASK_DEAD_LETTERED, Map.of("attempts", attempt, "error", error), now);
        }
        ended(task, now);
    }

    /** Ends a task that reached its deadline before an attempt could end it. */
    private void timeOut(Task task, Instant now) {
        String was = task.status().apiName();
        task.timeOut("The task did not finish within its timeout of " + task.timeoutSeconds() + " s (it was "
                + was + ")", now);
        events.record(task, EventType.TASK_TIMED_OUT, Map.of("attempt", task.currentAttempt(),
                "deadline", task.deadline().toString(), "was", was), now);
        ended(task, now);
    }

    private void ended(Task task, Instant now) {
        if (task.stepId() != null) {
            plans.stepEnded(task, now);
        }
        if (task.parentTaskId() != null) {
            subtasks.childEnded(task, now);
        }
    }

    /**
     * The task the agent's outcome is for, locked, when it still runs that attempt; otherwise the
     * outcome comes too late (the task timed out, was given up by the watchdog, or was deleted
     * after it ended) and is dropped.
     */
    private Task running(AgentTask attempt) {
        Task task = attempt.sessionId() == null ? rows.lock(attempt.id()) : locked(attempt.id());
        if (task == null || !task.runs(attempt.attempt())) {
            LOG.info(() -> "Dropping the outcome of attempt " + attempt.attempt() + " of task " + attempt.id()
                    + ": the task " + (task == null ? "is gone" : "is " + task.status().apiName()
                    + " at attempt " + task.currentAttempt()));
            return null;
        }
        return task;
    }

    /** The task read under a lock (its session's, or its own row's), so concurrent outcomes go one at a time. */
    private Task locked(UUID taskId) {
        Task task = em.find(Task.class, taskId);
        if (task == null) {
            return null;
        }
        if (task.sessionId() != null) {
            return current(task);
        }
        return rows.lock(task);
    }

    /** A plan's step is read again under its session's lock, so no other change to the plan interleaves. */
    private Task current(Task task) {
        if (task.sessionId() != null) {
            plans.lock(task.sessionId());
            em.refresh(task);
        }
        return task;
    }
}
