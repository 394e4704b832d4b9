package io.agentry.events.control;

import io.agentry.metrics.control.OrchestratorMetrics;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records every lifecycle event in the {@code task_events} trace, in the transaction of the change
 * it describes, and publishes it on the {@code agentry.events} topic once that commits: a change
 * that rolls back leaves neither, one that commits leaves the stored event once. Task outcomes are
 * counted here too, for the same reason (once their transaction commits).
 */
@ApplicationScoped
public class EventLog {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    EventPublisher publisher;

    @Inject
    Webhooks webhooks;

    @Inject
    OrchestratorMetrics metrics;

    /**
     * An event of a task (of its session too, when it has one). The task's last event also
     * schedules its webhook, when it has a {@code callback_url}.
     */
    public LifecycleEvent record(Task task, EventType type, Map<String, ?> data, Instant now) {
        LifecycleEvent event = record(task.id(), task.sessionId(), type, data, now);
        metrics.taskEvent(task, type);
        if (type.endsTask() && task.callbackUrl() != null) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("task_id", task.id().toString());
            body.put("status", task.status().apiName());
            body.put("agent", task.agent().name());
            body.set("result", Json.read(task.outputJson()));
            body.put("error", task.errorMessage());
            body.set("event", Json.MAPPER.valueToTree(event));
            webhooks.schedule(task.callbackUrl(), body, 1, 0);
        }
        return event;
    }

    /** An event of a whole session. */
    public LifecycleEvent recordForSession(UUID sessionId, EventType type, Map<String, ?> data, Instant now) {
        return record(null, sessionId, type, data, now);
    }

    /** An event of an agent as a whole (its circuit breaker), with no task or session. */
    public LifecycleEvent recordForAgent(EventType type, Map<String, ?> data, Instant now) {
        return record(null, null, type, data, now);
    }

    private LifecycleEvent record(UUID taskId, UUID sessionId, EventType type, Map<String, ?> data, Instant now) {
        TaskEvent stored = new TaskEvent(taskId, sessionId, type, Json.write(data), now);
        // The identity key makes Hibernate insert at once (queued inserts first), so seq is known here.
        em.persist(stored);
        LifecycleEvent event = LifecycleEvent.of(stored);
        publisher.publish(event);
        return event;
    }

    public List<LifecycleEvent> ofTask(UUID taskId) {
        return em.createNamedQuery(TaskEvent.BY_TASK, TaskEvent.class).setParameter("taskId", taskId)
                .getResultList().stream().map(LifecycleEvent::of).toList();
    }

    public List<LifecycleEvent> ofSession(UUID sessionId) {
        return em.createNamedQuery(TaskEvent.BY_SESSION, TaskEvent.class).setParameter("sessionId", sessionId)
                .getResultList().stream().map(LifecycleEvent::of).toList();
    }
}
