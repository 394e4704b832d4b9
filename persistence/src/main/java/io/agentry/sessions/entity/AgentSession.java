package io.agentry.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A run of a plan: its steps are tasks with this session's id. The session owns its status, its
 * deadline and whether its fallback plan took over; every change of status goes through
 * {@link #end}.
 */
@Entity
@Table(name = "agent_sessions")
@NamedQuery(name = AgentSession.EXPIRED,
        query = "select s.id from AgentSession s where s.status = :running and s.deadline < :now order by s.deadline")
public class AgentSession {

    public static final String EXPIRED = "AgentSession.expired";

    private static final int MAX_ERROR_LENGTH = 4000;

    @Id
    private UUID id;

    @Column(name = "user_id", length = 100)
    private String userId;

    @Column(name = "parent_session_id")
    private UUID parentSessionId;

    @Column(length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SessionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "execution_mode", nullable = false, length = 20)
    private ExecutionMode executionMode;

    @JdbcTypeCode(SqlTypes.JSON)
    private String plan;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "fallback_plan")
    private String fallbackPlan;

    @JdbcTypeCode(SqlTypes.JSON)
    private String context;

    @Column(name = "fallback_used", nullable = false)
    private boolean fallbackUsed;

    @Column(name = "timeout_ms")
    private Long timeoutMs;

    private Instant deadline;

    @Column(name = "callback_url", length = 2000)
    private String callbackUrl;

    @Column(name = "error_message", length = MAX_ERROR_LENGTH)
    private String errorMessage;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    private long version;

    protected AgentSession() {
    }

    public AgentSession(String name, ExecutionMode mode, String planJson, String fallbackPlanJson, String contextJson,
            Long timeoutMs, String callbackUrl, UUID parentSessionId, String userId, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = name;
        this.executionMode = mode;
        this.plan = planJson;
        this.fallbackPlan = fallbackPlanJson;
        this.context = contextJson;
        this.timeoutMs = timeoutMs;
        this.callbackUrl = callbackUrl;
        this.parentSessionId = parentSessionId;
        this.status = SessionStatus.RUNNING;
        this.startedAt = now;
        this.updatedAt = now;
        this.deadline = timeoutMs == null ? null : now.plusMillis(timeoutMs);
    }

    private void end(SessionStatus outcome, String error, Instant now) {
        if (status.isTerminal()) {
            throw new IllegalStateException("Session " + id + " is already " + status.apiName());
        }
        status = outcome;
        errorMessage = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        completedAt = now;
        updatedAt = now;
        deadline = null;
    }

    public void complete(Instant now) {
        end(SessionStatus.COMPLETED, null, now);
    }

    public void fail(String reason, Instant now) {
        end(SessionStatus.FAILED, reason, now);
    }

    public void timeOut(Instant now) {
        end(SessionStatus.TIMED_OUT, "The plan did not finish within " + timeoutMs + " ms", now);
    }

    public void cancel(Instant now) {
        end(SessionStatus.CANCELLED, "Cancelled", now);
    }

    /** Whether a fallback plan can still take over. */
    public boolean canFallBack() {
        return status == SessionStatus.RUNNING && fallbackPlan != null && !fallbackUsed;
    }

    /** The fallback plan takes over, with a deadline of its own when it has a timeout. */
    public void fallBack(String reason, Long fallbackTimeoutMs, Instant now) {
        if (!canFallBack()) {
            throw new IllegalStateException("Session " + id + " has no fallback to run");
        }
        fallbackUsed = true;
        errorMessage = reason;
        updatedAt = now;
        deadline = fallbackTimeoutMs == null ? null : now.plusMillis(fallbackTimeoutMs);
    }

    public boolean isExpired(Instant now) {
        return status == SessionStatus.RUNNING && deadline != null && deadline.isBefore(now);
    }

    public Long durationMs() {
        Instant end = completedAt == null ? updatedAt : completedAt;
        return end == null ? null : Duration.between(startedAt, end).toMillis();
    }

    public UUID id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public UUID parentSessionId() {
        return parentSessionId;
    }

    public String name() {
        return name;
    }

    public SessionStatus status() {
        return status;
    }

    public ExecutionMode executionMode() {
        return executionMode;
    }

    public String planJson() {
        return plan;
    }

    public String fallbackPlanJson() {
        return fallbackPlan;
    }

    public String contextJson() {
        return context;
    }

    public boolean fallbackUsed() {
        return fallbackUsed;
    }

    public Long timeoutMs() {
        return timeoutMs;
    }

    public Instant deadline() {
        return deadline;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
