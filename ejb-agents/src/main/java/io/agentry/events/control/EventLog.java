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
    private static final String INSERT_POSTGRESQL = INSERT.formatted("cast(? as jsonb)");
    private static final String INSERT_H2 = INSERT.formatted("? format json");

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
        LifecycleEvent event = insert(List.of(new Row(task.id(), task.sessionId(), type, data)), now).get(0);
        recorded(task, type, event);
        return event;
    }

    /** An event of a task, to be recorded alone or with others ({@link #recordAll}). */
    public record Change(Task task, EventType type, Map<String, ?> data) {
    }

    public LifecycleEvent record(Change change, Instant now) {
        return record(change.task(), change.type(), change.data(), now);
    }

    /** Many events of tasks, as {@link #record} each in the given order, stored in one JDBC batch. */
    public void recordAll(List<Change> changes, Instant now) {
        if (changes.isEmpty()) {
            return;
        }
        List<LifecycleEvent> stored = insert(changes.stream()
                .map(change -> new Row(change.task().id(), change.task().sessionId(), change.type(), change.data()))
                .toList(), now);
        for (int i = 0; i < changes.size(); i++) {
            recorded(changes.get(i).task(), changes.get(i).type(), stored.get(i));
        }
    }

    /** An event of a whole session. */
    public LifecycleEvent recordForSession(UUID sessionId, EventType type, Map<String, ?> data, Instant now) {
        return insert(List.of(new Row(null, sessionId, type, data)), now).get(0);
    }

    /** An event of an agent as a whole (its circuit breaker), with no task or session. */
    public LifecycleEvent recordForAgent(EventType type, Map<String, ?> data, Instant now) {
        return insert(List.of(new Row(null, null, type, data)), now).get(0);
    }

    private record Row(UUID taskId, UUID sessionId, EventType type, Map<String, ?> data) {
    }

    /**
     * Stores events with JDBC, in one batch, and publishes them. As a Hibernate entity each event
     * was an identity insert, run on its own with all of Hibernate's machinery around it, which made
     * the events a large share of every task's cost. The keys come back with the batch, in batch
     * order, so the events' seq and publication are those of one insert after another. Flushes the
     * session first: the rows the events refer to must be written before them.
     */
    private List<LifecycleEvent> insert(List<Row> rows, Instant now) {
        em.flush();
        List<JsonNode> trees = rows.stream().<JsonNode>map(row -> Json.MAPPER.valueToTree(row.data())).toList();
        List<Long> seqs = em.unwrap(Session.class).doReturningWork(connection -> {
            String sql = Dialects.isPostgresql(em) ? INSERT_POSTGRESQL : INSERT_H2;
            try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"seq"})) {
                OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    insert.setObject(1, row.taskId());
                    insert.setObject(2, row.sessionId());
                    insert.setString(3, row.type().name());
                    insert.setString(4, Json.write(trees.get(i)));
                    insert.setObject(5, at);
                    insert.addBatch();
                }
                insert.executeBatch();
                return keys(insert, rows.size());
            }
        });
        List<LifecycleEvent> events = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            LifecycleEvent event = new LifecycleEvent(seqs.get(i), row.type().apiName(), row.taskId(), row.sessionId(),
                    now, trees.get(i));
            publisher.publish(event);
            events.add(event);
        }
        return events;
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

    public List<LifecycleEvent> ofTask(UUID taskId) {
        return em.createNamedQuery(TaskEvent.BY_TASK, TaskEvent.class).setParameter("taskId", taskId)
                .getResultList().stream().map(LifecycleEvent::of).toList();
    }

    public List<LifecycleEvent> ofSession(UUID sessionId) {
        return em.createNamedQuery(TaskEvent.BY_SESSION, TaskEvent.class).setParameter("sessionId", sessionId)
                .getResultList().stream().map(LifecycleEvent::of).toList();
    }
}
