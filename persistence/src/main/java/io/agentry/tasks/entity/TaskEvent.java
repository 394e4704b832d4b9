package io.agentry.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One lifecycle change of a task, a session ({@code taskId} null) or an agent's breaker (both ids
 * null), kept as its trace. Read only here: {@code EventLog} writes the events in JDBC batches.
 */
@Entity
@Immutable
@Table(name = "task_events")
@NamedQuery(name = TaskEvent.BY_TASK, query = "select e from TaskEvent e where e.taskId = :taskId order by e.seq")
@NamedQuery(name = TaskEvent.BY_SESSION,
        query = "select e from TaskEvent e where e.sessionId = :sessionId order by e.seq")
public class TaskEvent {

    public static final String BY_TASK = "TaskEvent.byTask";
    public static final String BY_SESSION = "TaskEvent.bySession";

    /** Given by the database in insert order (an identity column), so streams can order by it. */
    @Id
    private Long seq;

    @Column(name = "task_id")
    private UUID taskId;

    @Column(name = "session_id")
    private UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 40)
    private EventType type;

    @JdbcTypeCode(SqlTypes.JSON)
    private String data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TaskEvent() {
    }

    public Long seq() {
        return seq;
    }

    public UUID taskId() {
        return taskId;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public EventType type() {
        return type;
    }

    public String dataJson() {
        return data;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
