package io.agentry.events.control;

import io.agentry.metrics.control.OrchestratorMetrics;
import io.agentry.platform.control.Dialects;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Records every lifecycle event in the {@code task_events} trace, in the transaction of the change
 * it describes, and publishes it on the {@code agentry.events} topic once that commits: a change
 * that rolls back leaves neither, one that commits leaves the stored event once. Task outcomes are
 * counted here too, for the same reason (once their transaction commits).
 */
@ApplicationScoped
public class EventLog {

    private static final String INSERT = "insert into task_events (task_id, session_id, event_type, data, created_at)"
            + " values (?, ?, ?, %s, ?)";

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
        recorded(task, type, event);
        return event;
    }

    /** An event of a task, to be recorded alone or with others ({@link #recordAll}). */
    public record Change(Task task, EventType type, Map<String, ?> data) {
    }

    public LifecycleEvent record(Change change, Instant now) {
        return record(change.task(), change.type(), change.data(), now);
    }

    /**
     * Many events of tasks, as {@link #record} each, in the given order, but stored in one JDBC batch:
     * Hibernate runs each identity insert on its own (it needs the key at once), which made the events
     * most of a batch submit's statements. The keys come back with the batch, so the events' order,
     * seq and publication are those of one {@code record} after another. Flushes the session first:
     * the tasks' rows must be written before the events that refer to them.
     */
    public void recordAll(List<Change> changes, Instant now) {
        if (changes.isEmpty()) {
            return;
        }
        em.flush();
        List<JsonNode> trees = changes.stream().<JsonNode>map(change -> Json.MAPPER.valueToTree(change.data())).toList();
        List<String> data = trees.stream().map(Json::write).toList();
        List<Long> seqs = em.unwrap(Session.class).doReturningWork(connection -> {
            String json = Dialects.isPostgresql(em) ? "cast(? as jsonb)" : "? format json";
            try (PreparedStatement insert = connection.prepareStatement(INSERT.formatted(json), new String[] {"seq"})) {
                OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
                for (int i = 0; i < changes.size(); i++) {
                    Change change = changes.get(i);
                    insert.setObject(1, change.task().id());
                    insert.setObject(2, change.task().sessionId());
                    insert.setString(3, change.type().name());
                    insert.setString(4, data.get(i));
                    insert.setObject(5, at);
                    insert.addBatch();
                }
                insert.executeBatch();
                return keys(insert, changes.size());
            }
        });
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            LifecycleEvent event = new LifecycleEvent(seqs.get(i), change.type().apiName(), change.task().id(),
                    change.task().sessionId(), now, trees.get(i));
            publisher.publish(event);
            recorded(change.task(), change.type(), event);
        }
    }

    private static List<Long> keys(PreparedStatement insert, int expected) throws SQLException {
        List<Long> keys = new ArrayList<>(expected);
        try (ResultSet generated = insert.getGeneratedKeys()) {
            while (generated.next()) {
                keys.add(generated.getLong(1));
            }
        }
        if (keys.size() != expected) {
            throw new IllegalStateException("The database returned " + keys.size() + " keys for " + expected
                    + " events inserted");
        }
        return keys;
    }

    /** What follows a stored event of a task: its count, and the webhook of the task's last event. */
    private void recorded(Task task, EventType type, LifecycleEvent event) {
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
        JsonNode tree = Json.MAPPER.valueToTree(data);
        TaskEvent stored = new TaskEvent(taskId, sessionId, type, Json.write(tree), now);
        // The identity key makes Hibernate insert at once (queued inserts first), so seq is known here.
        em.persist(stored);
        LifecycleEvent event = new LifecycleEvent(stored.seq(), type.apiName(), taskId, sessionId, now, tree);
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
