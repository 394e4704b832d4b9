package io.agentry.tasks.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.agents.spi.Subtask;
import io.agentry.agents.control.AgentPauses;
import io.agentry.resilience.control.DispatchGate;
import io.agentry.routing.control.UnroutableTaskException;
import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Json;
import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.control.PlanExecution;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
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
 * (retry with backoff, dead letter, or fail). A task that is a plan's step reports its end to the
 * plan in the same transaction.
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
    EventLog events;

    @Inject
    PlanExecution plans;

    @Inject
    Subtasks subtasks;

    @Inject
    AgentPauses pauses;

    @Inject
    DispatchGate gate;

    /**
     * Decides what becomes of a delivered attempt, in its own transaction: a stale message (an older
     * attempt, a finished or cancelled task) is consumed; an attempt of a paused agent is parked
     * ({@code paused}) until the agent is resumed; one the dispatch gate holds back is deferred;
     * otherwise the attempt is marked {@code in_progress} and runs. A message that arrives before the
     * transaction that sent it is visible here (no task yet, or the task not yet queued for this
     * attempt) is refused, so the broker redelivers it: it is never dropped.
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
        if (pauses.parkIfPaused(task, now)) {
            return Admission.SKIP;
        }
        Optional<DispatchGate.Wait> wait = gate.holdBack(task.agent(), delivery.tokenReserved());
        if (wait.isPresent()) {
            return new Admission.Defer(wait.get().delay(), wait.get().tokenReserved());
        }
        task.start(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt", delivery.attempt());
        data.put("redelivered", delivery.redelivered());
        events.record(task, EventType.TASK_STARTED, data, now);
        AgentTask attempt = new AgentTask(task.id(), task.agent().name(), task.currentAttempt(),
                Json.read(task.inputJson()), Json.read(task.metadataJson()), task.sessionId(), task.stepId(),
                task.attemptTimeoutMs() == null ? null : Duration.ofMillis(task.attemptTimeoutMs()),
                subtasks.resultsOf(task.id()));
        TASK_LOG.log(Level.FINE, attempt, "Task " + task.id() + " attempt " + attempt.attempt() + " started");
        return new Admission.Run(attempt);
    }

    /** Re-sends an attempt the gate held back, in the transaction that consumes its message. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void defer(TaskDelivery delivery, Admission.Defer defer) {
        Task task = current(delivery.taskId());
        if (task != null && task.awaits(delivery.attempt())) {
            queue.send(task, defer.delay(), defer.tokenReserved());
        }
    }

    /** Stores the result; joins the transaction that consumes the task message. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void complete(AgentTask attempt, JsonNode output) {
        Task task = current(attempt.id());
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
     * next attempt as a delayed message, or dead-letters the task when its retries are spent. An
     * attempt that could not reach its agent, or whose failure left the agent's breaker open, is not
     * counted: the same attempt waits and runs again.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void fail(AgentTask attempt, AgentFailure failure) {
        Task task = current(attempt.id());
        Instant now = Timestamps.now();
        String error = failure.getMessage();
        Optional<Duration> breakerOpen = gate.outcome(task.agent(), failure.isRetryable());
        Duration unavailable = failure.unavailableFor() != null ? failure.unavailableFor() : breakerOpen.orElse(null);
        if (unavailable != null && !task.cancelRequested()) {
            task.queue(now);
            queue.send(task, unavailable);
            events.record(task, EventType.TASK_QUEUED, Map.of("attempt", attempt.attempt(), "deferred_ms",
                    unavailable.toMillis(), "reason", error), now);
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
            Duration delay = task.failAttempt(error, now, ThreadLocalRandom.current()::nextDouble);
            if (delay == null) {
                queue.deadLetter(task, now);
                events.record(task, EventType.TASK_DEAD_LETTERED,
                        Map.of("attempts", attempt.attempt(), "error", error), now);
                TASK_LOG.log(Level.WARNING, attempt, "Task " + task.id() + " is dead after " + attempt.attempt()
                        + " attempts: " + error, failure.getCause());
            } else {
                queue.send(task, delay);
                TASK_LOG.log(Level.INFO, attempt, "Task " + task.id() + " attempt " + attempt.attempt() + " failed, "
                        + "next in " + delay.toMillis() + " ms: " + error, failure.getCause());
                events.record(task, EventType.TASK_RETRY_SCHEDULED, Map.of(
                        "attempt", attempt.attempt(),
                        "next_attempt", task.currentAttempt(),
                        "delay_ms", delay.toMillis(),
                        "next_attempt_at", task.nextAttemptAt().toString(),
                        "error", error), now);
                return;
            }
        }
        ended(task, now);
    }

    /**
     * The agent handed part of the attempt to subtasks: they are dispatched and the task waits, in
     * the transaction that consumes its message. A subtask no agent can take fails the task.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void awaitSubtasks(AgentTask attempt, List<Subtask> work) {
        Task task = current(attempt.id());
        try {
            subtasks.spawn(task, work, Timestamps.now());
            gate.outcome(task.agent(), false);
        } catch (UnroutableTaskException e) {
            fail(attempt, AgentFailure.permanent("Subtask refused: " + e.getMessage()));
        }
    }

    private void ended(Task task, Instant now) {
        if (task.stepId() != null) {
            plans.stepEnded(task, now);
        }
        if (task.parentTaskId() != null) {
            subtasks.childEnded(task, now);
        }
    }

    private Task current(UUID taskId) {
        return current(em.find(Task.class, taskId));
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
