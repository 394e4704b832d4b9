package io.agentry.tasks.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.resilience.control.DispatchGate;
import io.agentry.routing.control.Router;
import io.agentry.events.control.EventLog;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.EventType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts new tasks: resolves the agent, stores the task and puts its first attempt on the queue,
 * all in one transaction, so there is never a task without its message or a message without its
 * task.
 */
@Stateless
public class TaskSubmission {

    /** Priority of a task when neither its request nor its routing rule gives one. */
    public static final int DEFAULT_PRIORITY = 3;

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    Router router;

    @Inject
    RetryDefaults retryDefaults;

    @Inject
    TaskQueue queue;

    @Inject
    QueueBound bound;

    @Inject
    DispatchGate gate;

    @Inject
    EventLog events;

    /** The outcome of a submission; {@code replayed} when the idempotency key named an earlier task. */
    public record Accepted(Task task, boolean replayed) {
    }

    public Accepted submit(NewTask request) {
        if (request.idempotencyKey() != null) {
            var earlier = em.createNamedQuery(Task.BY_IDEMPOTENCY_KEY, Task.class)
                    .setParameter("key", request.idempotencyKey())
                    .getResultList().stream()
                    .findFirst();
            if (earlier.isPresent()) {
                return new Accepted(earlier.get(), true);
            }
        }
        Router.Route route = router.route(request.agent(), request.pattern(), request.capability());
        bound.admit();
        gate.admitSubmission(route.agent());
        return new Accepted(acceptAll(List.of(request), List.of(route)).get(0), false);
    }

    /**
     * Stores and queues the tasks of requests each admitted by the caller (the queue's bound and the
     * dispatch gate were asked once, by the caller).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<Task> acceptAll(List<NewTask> requests, List<Router.Route> routes) {
        Instant now = Timestamps.now();
        List<Task> tasks = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            tasks.add(newTask(requests.get(i), routes.get(i), now));
        }
        storeQueued(tasks, now);
        return tasks;
    }

    private Task newTask(NewTask request, Router.Route route, Instant now) {
        return Task.forAgent(route.agent())
                .pattern(request.pattern())
                .capability(request.capability())
                .input(request.payloadJson())
                .metadata(request.metadataJson())
                .priority(route.priority(request.priority(), DEFAULT_PRIORITY))
                .retryPolicy(retryDefaults.with(request.retry()))
                .timeoutSeconds(route.timeoutSeconds(request.timeoutSeconds()))
                .callbackUrl(request.callbackUrl())
                .session(request.sessionId())
                .owner(request.owner())
                .idempotencyKey(request.idempotencyKey())
                .createdAt(now);
    }

    /**
     * Stores new tasks (submitted ones, subtasks) and puts their first attempts on the queue, with
     * statements for all of them rather than for each: the rows go in JDBC batches, and so do their
     * events. A task becomes {@code queued} before it is stored, so its row is written once, not
     * inserted {@code pending} and updated again at commit.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void storeQueued(List<Task> tasks, Instant now) {
        List<EventLog.Change> changes = new ArrayList<>(2 * tasks.size());
        for (Task task : tasks) {
            task.queue(now);
            em.persist(task);
            changes.add(created(task));
            changes.add(queue.enqueued(task));
        }
        events.recordAll(changes, now);
    }

    /** Stores new tasks that wait to be dispatched (a plan's steps) and records that they exist. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void store(List<Task> tasks, Instant now) {
        tasks.forEach(em::persist);
        events.recordAll(tasks.stream().map(TaskSubmission::created).toList(), now);
    }

    private static EventLog.Change created(Task task) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", task.agent().name());
        data.put("priority", task.priority());
        if (task.stepId() != null) {
            data.put("step_id", task.stepId());
        }
        if (task.parentTaskId() != null) {
            data.put("parent_task_id", task.parentTaskId().toString());
        }
        return new EventLog.Change(task, EventType.TASK_CREATED, data);
    }
}
