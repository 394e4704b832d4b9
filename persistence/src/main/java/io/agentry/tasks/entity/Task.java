package io.agentry.tasks.entity;

import io.agentry.agents.entity.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One unit of work for one agent, with its input, its result or error, and where it stands in its
 * life. Every change of status goes through {@link #moveTo}, which asks {@link TaskStatus}.
 */
@Entity
@Table(name = "agent_tasks")
@NamedQuery(name = Task.BY_IDEMPOTENCY_KEY, query = "select t from Task t where t.idempotencyKey = :key")
@NamedQuery(name = Task.COUNT_BY_STATUS, query = "select t.status, count(t) from Task t group by t.status")
@NamedQuery(name = Task.COUNT_BY_STATUS_OF_OWNER, query = "select t.status, count(t) from Task t "
        + "where t.owner = :owner group by t.status")
@NamedQuery(name = Task.STEPS_OF_SESSION, query = "select t from Task t join fetch t.agent "
        + "where t.sessionId = :sessionId and t.stepId is not null order by t.fallback, t.stepOrder")
@NamedQuery(name = Task.STEP_STATES, query = "select t.id, t.stepId, t.status, t.dependencies from Task t "
        + "where t.sessionId = :sessionId and t.fallback = :fallback and t.stepId is not null order by t.stepOrder")
@NamedQuery(name = Task.BY_IDS, query = "select t from Task t join fetch t.agent where t.id in :ids")
@NamedQuery(name = Task.ENDED_BEFORE, query = "select t.id from Task t where t.status in :ended "
        + "and t.completedAt < :cutoff")
@NamedQuery(name = Task.ACTIVE_BY_PRIORITY, query = "select t.status, t.priority, count(t) from Task t "
        + "where t.status in :active group by t.status, t.priority")
@NamedQuery(name = Task.SUBTASKS, query = "select t from Task t join fetch t.agent "
        + "where t.parentTaskId = :parentId order by t.createdAt, t.id")
@NamedQuery(name = Task.OVERDUE, query = "select t.id from Task t where t.status in :active "
        + "and t.deadline <= :now order by t.deadline")
@NamedQuery(name = Task.LOST_ATTEMPTS, query = "select t.id from Task t where t.status = :running "
        + "and t.attemptDeadline <= :now order by t.attemptDeadline")
@NamedQuery(name = Task.ROW_LOCK, query = "select t.id from Task t where t.id = :id")
@NamedQuery(name = Task.WITH_AGENT, query = "select t from Task t join fetch t.agent where t.id = :id")
public class Task {

    public static final String BY_IDEMPOTENCY_KEY = "Task.byIdempotencyKey";
    public static final String COUNT_BY_STATUS = "Task.countByStatus";
    public static final String COUNT_BY_STATUS_OF_OWNER = "Task.countByStatusOfOwner";
    public static final String STEPS_OF_SESSION = "Task.stepsOfSession";
    public static final String STEP_STATES = "Task.stepStates";
    public static final String BY_IDS = "Task.byIds";
    public static final String SUBTASKS = "Task.subtasks";
    public static final String ENDED_BEFORE = "Task.endedBefore";
    public static final String ACTIVE_BY_PRIORITY = "Task.activeByPriority";
    public static final String OVERDUE = "Task.overdue";
    public static final String LOST_ATTEMPTS = "Task.lostAttempts";
    public static final String ROW_LOCK = "Task.rowLock";
    /** The task by its id, its agent joined: {@code t} is its alias, for a lock on the task's row alone. */
    public static final String WITH_AGENT = "Task.withAgent";

    /** Error messages longer than the column are cut, not refused: the failure must be recorded. */
    private static final int MAX_ERROR_LENGTH = 4000;

    @Id
    private UUID id;

    @Column(name = "session_id")
    private UUID sessionId;

    /** The user who created it (through its session or parent task, for steps and subtasks). */
    @Column(name = "user_id", length = 100)
    private String owner;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "agent_id", nullable = false)
    private Agent agent;

    @Column(name = "parent_task_id")
    private UUID parentTaskId;

    @Column(name = "task_type", nullable = false, length = 100)
    private String taskType;

    @Column(length = 100)
    private String pattern;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "input_data")
    private String input;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "output_data")
    private String output;

    @JdbcTypeCode(SqlTypes.JSON)
    private String metadata;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private TaskStatus status;

    @Column(nullable = false)
    private int priority;

    @Column(name = "retry_count", nullable = false)
    private int retryCount;

    @Embedded
    private RetryPolicy retryPolicy;

    @Column(name = "timeout_seconds")
    private Integer timeoutSeconds;

    /** When the task must have ended, across all its attempts: created (or retried by hand) + timeout. */
    @Column(name = "deadline")
    private Instant deadline;

    /** While in progress: when the attempt must have an outcome, or its worker is taken for lost. */
    @Column(name = "attempt_deadline")
    private Instant attemptDeadline;

    @Column(name = "idempotency_key", length = 200, unique = true)
    private String idempotencyKey;

    @Column(name = "callback_url", length = 2000)
    private String callbackUrl;

    @Column(name = "error_message", length = MAX_ERROR_LENGTH)
    private String errorMessage;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "queued_at")
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "step_id", length = 100)
    private String stepId;

    @Column(name = "step_order")
    private Integer stepOrder;

    @JdbcTypeCode(SqlTypes.JSON)
    private String dependencies;

    @Column(nullable = false)
    private boolean fallback;

    @Column(name = "attempt_timeout_ms")
    private Long attemptTimeoutMs;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "spawned_subtasks", nullable = false)
    private boolean spawnedSubtasks;

    @Version
    private long version;

    protected Task() {
    }

    private Task(Builder b) {
        this.id = UUID.randomUUID();
        this.agent = b.agent;
        this.taskType = b.taskType;
        this.pattern = b.pattern;
        this.input = b.input;
        this.metadata = b.metadata;
        this.priority = b.priority;
        this.retryPolicy = b.retryPolicy;
        this.timeoutSeconds = b.timeoutSeconds;
        this.deadline = b.timeoutSeconds == null ? null : b.now.plusSeconds(b.timeoutSeconds);
        this.idempotencyKey = b.idempotencyKey;
        this.callbackUrl = b.callbackUrl;
        this.sessionId = b.sessionId;
        this.owner = b.owner;
        this.parentTaskId = b.parentTaskId;
        this.stepId = b.stepId;
        this.stepOrder = b.stepOrder;
        this.dependencies = b.dependencies;
        this.fallback = b.fallback;
        this.attemptTimeoutMs = b.attemptTimeoutMs;
        this.status = TaskStatus.PENDING;
        this.createdAt = b.now;
        this.updatedAt = b.now;
    }

    public static Builder forAgent(Agent agent) {
        return new Builder(agent);
    }

    private void moveTo(TaskStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalTransitionException(status, next);
        }
        status = next;
        updatedAt = now;
        if (next != TaskStatus.IN_PROGRESS) {
            attemptDeadline = null;
        }
    }

    /** The task's message is on the queue. */
    public void queue(Instant now) {
        moveTo(TaskStatus.QUEUED, now);
        queuedAt = now;
        nextAttemptAt = null;
    }

    /**
     * Someone retries a finished task by hand (failed, dead or timed out): it gets one more attempt,
     * numbered after the last, so an idempotency key ({@code task_id:attempt}) is never reused, and
     * its timeout counts again from now. Queueing it is the caller's next step.
     */
    public void retry(Instant now) {
        if (status != TaskStatus.FAILED && status != TaskStatus.DEAD && status != TaskStatus.TIMED_OUT) {
            throw new IllegalTransitionException(status, TaskStatus.QUEUED);
        }
        retryCount++;
        output = null;
        completedAt = null;
        nextAttemptAt = null;
        cancelRequested = false;
        updatedAt = now;
        if (timeoutSeconds != null) {
            deadline = now.plusSeconds(timeoutSeconds);
        }
    }

    /** Its agent is paused: the attempt waits off the queue; resuming the agent queues it again. */
    public void pause(Instant now) {
        moveTo(TaskStatus.PAUSED, now);
        nextAttemptAt = null;
    }

    /**
     * How long the current attempt has waited to start since it became due: since it was queued, or
     * since its retry's time; zero if it comes early, {@code null} when it is not waiting.
     */
    public Duration waitSinceDue(Instant now) {
        Instant due = switch (status) {
            case QUEUED -> queuedAt;
            case RETRY_SCHEDULED -> nextAttemptAt;
            default -> null;
        };
        if (due == null) {
            return null;
        }
        Duration wait = Duration.between(due, now);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * An agent began the current attempt; without an outcome by {@code attemptDeadline} its worker
     * is taken for lost.
     */
    public void start(Instant now, Instant attemptDeadline) {
        moveTo(TaskStatus.IN_PROGRESS, now);
        if (startedAt == null) {
            startedAt = now;
        }
        nextAttemptAt = null;
        this.attemptDeadline = attemptDeadline;
    }

    /**
     * How long an attempt starting now may take: the task's own limit (a step's {@code timeout_ms})
     * or {@code defaultLimit}, and never beyond the task's deadline.
     */
    public Duration attemptLimit(Duration defaultLimit, Instant now) {
        Duration limit = attemptTimeoutMs != null ? Duration.ofMillis(attemptTimeoutMs) : defaultLimit;
        if (deadline != null && Duration.between(now, deadline).compareTo(limit) < 0) {
            return Duration.between(now, deadline);
        }
        return limit;
    }

    /** Whether the task has a deadline and {@code now} has reached it. */
    public boolean isPastDeadline(Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }

    /** In progress beyond its attempt deadline: no worker has reported on the attempt in time. */
    public boolean isLost(Instant now) {
        return status == TaskStatus.IN_PROGRESS && attemptDeadline != null && !now.isBefore(attemptDeadline);
    }

    /** Whether an agent's outcome for this attempt still counts: the task is in progress on it. */
    public boolean runs(int attempt) {
        return status == TaskStatus.IN_PROGRESS && attempt == currentAttempt();
    }

    /** The task ran out of time: whatever it was doing or waiting for, it ends here. */
    public void timeOut(String reason, Instant now) {
        moveTo(TaskStatus.TIMED_OUT, now);
        errorMessage = cut(reason);
        completedAt = now;
        nextAttemptAt = null;
    }

    public void complete(String outputJson, Instant now) {
        moveTo(TaskStatus.COMPLETED, now);
        output = outputJson;
        errorMessage = null;
        completedAt = now;
    }

    /** A failure that retrying cannot fix. */
    public void fail(String error, Instant now) {
        moveTo(TaskStatus.FAILED, now);
        errorMessage = cut(error);
        completedAt = now;
    }

    /**
     * Records a failed attempt and, when the policy allows another that would start before the
     * task's deadline, schedules it. Otherwise the task ends: timed out when the deadline has come
     * or would come before the retry, dead when the retries are spent. Returns the delay before the
     * next attempt, or {@code null} when the task ended.
     */
    public Duration failAttempt(String error, Instant now, DoubleSupplier random) {
        if (isPastDeadline(now)) {
            timeOut("The task did not finish within its timeout of " + timeoutSeconds + " s; last error: " + error,
                    now);
            return null;
        }
        errorMessage = cut(error);
        if (!retryPolicy.allowsRetryAfter(retryCount)) {
            moveTo(TaskStatus.DEAD, now);
            completedAt = now;
            return null;
        }
        Duration delay = retryPolicy.delayBefore(retryCount + 1, random);
        if (isPastDeadline(now.plus(delay))) {
            timeOut("The next attempt, due in " + delay.toMillis() + " ms, would start after the task's deadline "
                    + deadline + "; last error: " + error, now);
            return null;
        }
        moveTo(TaskStatus.RETRY_SCHEDULED, now);
        retryCount++;
        nextAttemptAt = now.plus(delay);
        return delay;
    }

    /**
     * Cancels the task: one that has not started never will; one that is running is marked, and
     * ends cancelled when its agent returns. Returns whether it is cancelled already.
     */
    public boolean cancel(String reason, Instant now) {
        if (isRunning()) {
            cancelRequested = true;
            updatedAt = now;
            return false;
        }
        moveTo(TaskStatus.CANCELLED, now);
        errorMessage = cut(reason);
        completedAt = now;
        nextAttemptAt = null;
        return true;
    }

    /** The agent returned after a cancel was requested: the attempt's output is kept, the task is cancelled. */
    public void endCancelled(String outputJson, Instant now) {
        moveTo(TaskStatus.CANCELLED, now);
        output = outputJson;
        errorMessage = "Cancelled while running";
        completedAt = now;
    }

    /** A step's input, once its upstream outputs are known; only before it is queued. */
    public void resolveInput(String inputJson) {
        if (status != TaskStatus.PENDING) {
            throw new IllegalStateException("The input of a " + status.apiName() + " task is fixed");
        }
        input = inputJson;
    }

    /** Queued, running, waiting for its subtasks, for its next attempt or for its paused agent. */
    public boolean isActive() {
        return status.isActive();
    }

    /** Its agent has it, or handed part of it to subtasks and will take it up again. */
    public boolean isRunning() {
        return status == TaskStatus.IN_PROGRESS || status == TaskStatus.WAITING;
    }

    /** The agent handed work to subtasks; the task waits for them without holding a thread. */
    public void awaitSubtasks(Instant now) {
        moveTo(TaskStatus.WAITING, now);
        spawnedSubtasks = true;
    }

    /** Whether it ever handed work to subtasks, whose outcomes its agent then gets. */
    public boolean spawnedSubtasks() {
        return spawnedSubtasks;
    }

    /** Its subtasks have ended: the same attempt goes back on the queue to pick up their results. */
    public void resume(Instant now) {
        moveTo(TaskStatus.QUEUED, now);
    }

    /**
     * Whether a message for the given attempt should run: it is the task's current attempt and
     * the task is waiting for it (or was running it when its worker died).
     */
    public boolean awaits(int attempt) {
        return attempt == currentAttempt()
                && (status == TaskStatus.QUEUED || status == TaskStatus.RETRY_SCHEDULED
                        || status == TaskStatus.IN_PROGRESS);
    }

    /**
     * Whether a message for the given attempt is ahead of this row: the transaction that sent it
     * has not become visible here yet (its task is still pending or waiting, or on an earlier
     * attempt). Such a delivery must be rolled back and redelivered, never dropped.
     */
    public boolean isBehind(int attempt) {
        return attempt > currentAttempt()
                || attempt == currentAttempt() && (status == TaskStatus.PENDING || status == TaskStatus.WAITING);
    }

    /** API priorities 1-5 spread over JMS priorities 1, 3, 5, 7, 9. */
    public int jmsPriority() {
        return 2 * priority - 1;
    }

    /** Attempts are numbered from 1; each retry adds one. */
    public int currentAttempt() {
        return retryCount + 1;
    }

    /** Seconds from the first start to completion, when both are known. */
    public Double executionSeconds() {
        if (startedAt == null || completedAt == null) {
            return null;
        }
        return Duration.between(startedAt, completedAt).toNanos() / 1_000_000_000.0;
    }

    private static String cut(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    public UUID id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    /** The user on whose behalf it runs; {@code null} for tasks from before users existed. */
    public String owner() {
        return owner;
    }

    public Agent agent() {
        return agent;
    }

    public UUID parentTaskId() {
        return parentTaskId;
    }

    public String taskType() {
        return taskType;
    }

    public String pattern() {
        return pattern;
    }

    public String inputJson() {
        return input;
    }

    public String outputJson() {
        return output;
    }

    public String metadataJson() {
        return metadata;
    }

    public TaskStatus status() {
        return status;
    }

    public int priority() {
        return priority;
    }

    public int retryCount() {
        return retryCount;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    public Instant deadline() {
        return deadline;
    }

    public Instant attemptDeadline() {
        return attemptDeadline;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String stepId() {
        return stepId;
    }

    public Integer stepOrder() {
        return stepOrder;
    }

    public String dependenciesJson() {
        return dependencies;
    }

    public boolean isFallback() {
        return fallback;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Collects what a new task needs; priorities are 1 (lowest) to 5 (highest). */
    public static final class Builder {
        private final Agent agent;
        private String taskType;
        private String pattern;
        private String input;
        private String metadata;
        private int priority = 3;
        private RetryPolicy retryPolicy;
        private Integer timeoutSeconds;
        private String idempotencyKey;
        private String callbackUrl;
        private UUID sessionId;
        private String owner;
        private UUID parentTaskId;
        private String stepId;
        private Integer stepOrder;
        private String dependencies;
        private boolean fallback;
        private Long attemptTimeoutMs;
        private Instant now;

        private Builder(Agent agent) {
            this.agent = agent;
            this.taskType = agent.name();
        }

        public Builder pattern(String pattern) {
            this.pattern = pattern;
            if (pattern != null) {
                this.taskType = pattern;
            }
            return this;
        }

        /** The capability the task asked for instead of an agent or pattern; it is the task's type. */
        public Builder capability(String capability) {
            if (capability != null) {
                this.taskType = capability;
            }
            return this;
        }

        /** What the agent is asked to do, when the agent does more than one thing. */
        public Builder action(String action) {
            if (action != null) {
                this.taskType = action;
            }
            return this;
        }

        public Builder input(String json) {
            this.input = json;
            return this;
        }

        public Builder metadata(String json) {
            this.metadata = json;
            return this;
        }

        public Builder priority(int priority) {
            if (priority < 1 || priority > 5) {
                throw new IllegalArgumentException("priority must be between 1 and 5");
            }
            this.priority = priority;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        public Builder timeoutSeconds(Integer seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public Builder callbackUrl(String url) {
            this.callbackUrl = url;
            return this;
        }

        public Builder session(UUID sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /** Makes the task step {@code stepId} of a session's plan (or of its fallback plan). */
        public Builder step(UUID sessionId, String stepId, int order, String dependenciesJson, boolean fallback) {
            this.sessionId = sessionId;
            this.stepId = stepId;
            this.stepOrder = order;
            this.dependencies = dependenciesJson;
            this.fallback = fallback;
            return this;
        }

        /** Makes the task a subtask of {@code parent}, in the parent's session. */
        public Builder subtaskOf(Task parent) {
            this.parentTaskId = parent.id();
            this.sessionId = parent.sessionId();
            this.owner = parent.owner();
            return this;
        }

        public Builder attemptTimeoutMs(Long millis) {
            this.attemptTimeoutMs = millis;
            return this;
        }

        public Task createdAt(Instant now) {
            if (retryPolicy == null) {
                throw new IllegalStateException("a task needs a retry policy");
            }
            this.now = now;
            return new Task(this);
        }
    }
}
