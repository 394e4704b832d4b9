package io.agentry.tasks.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.entity.AgentSession;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' recovery of finished tasks: retrying failed and dead ones, deleting them, and cleaning
 * up old ones. A dead task's messages on {@code agentry.tasks.DLQ} are taken off the queue in the
 * transaction that changes its row, so the database and the dead letter queue agree.
 */
@Stateless
public class TaskRecovery {

    /** The oldest age in days a cleanup may be asked for. */
    public static final int MAX_CLEANUP_DAYS = 36_500;
    /** How long to look for a task's dead letter before concluding there is none. */
    private static final long DEAD_LETTER_WAIT_MS = 1000;
    private static final EnumSet<TaskStatus> ENDED = EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED,
            TaskStatus.DEAD, TaskStatus.CANCELLED, TaskStatus.TIMED_OUT);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    TaskRows rows;

    @Inject
    TaskQueue queue;

    @Resource
    SessionContext context;

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/DeadLetters")
    Queue deadLetters;

    /** Queues a failed, dead or timed-out task again, as a new run; nothing if there is no such task. */
    public Optional<Task> retry(UUID taskId) {
        Task task = rows.lock(taskId);
        if (task == null) {
            return Optional.empty();
        }
        retry(task);
        return Optional.of(task);
    }

    private void retry(Task task) {
        TaskStatus before = task.status();
        Instant now = Timestamps.now();
        task.retry(now);
        if (before == TaskStatus.DEAD) {
            removeDeadLetters(task.id());
        }
        queue.dispatch(task, now);
    }

    /** Retries every task with this status (of one agent, when given), each in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int retryAll(TaskStatus status, String agent) {
        var query = em.createQuery("select t.id from Task t where t.status = :status"
                + (agent == null ? "" : " and t.agent.name = :agent") + " order by t.completedAt", UUID.class)
                .setParameter("status", status);
        if (agent != null) {
            query.setParameter("agent", agent);
        }
        List<UUID> ids = query.getResultList();
        TaskRecovery self = context.getBusinessObject(TaskRecovery.class);
        int retried = 0;
        for (UUID id : ids) {
            retried += self.retryIfStill(id, status) ? 1 : 0;
        }
        return retried;
    }

    /** Retries the task if it still has the status it was chosen for (another operator may have been faster). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean retryIfStill(UUID taskId, TaskStatus status) {
        Task task = rows.lock(taskId);
        if (task == null || task.status() != status) {
            return false;
        }
        retry(task);
        return true;
    }

    /** Deletes a finished task with its trace (and its dead letters); running ones cannot be deleted. */
    public boolean delete(UUID taskId) {
        Task task = rows.lock(taskId);
        if (task == null) {
            return false;
        }
        if (!deletable(task)) {
            throw new TaskStillRunningException("Task " + taskId + " is " + task.status().apiName()
                    + (task.status().isTerminal() ? " in a running session" : "") + "; only finished work can be deleted");
        }
        remove(task);
        return true;
    }

    /** Deletes tasks that ended more than {@code olderThan} ago; returns how many. */
    public int cleanup(Duration olderThan) {
        List<UUID> ids = em.createNamedQuery(Task.ENDED_BEFORE, UUID.class)
                .setParameter("ended", ENDED)
                .setParameter("cutoff", Timestamps.now().minus(olderThan))
                .getResultList();
        int removed = 0;
        for (UUID id : ids) {
            Task task = rows.lock(id);
            if (task != null && deletable(task)) {
                remove(task);
                removed++;
            }
        }
        return removed;
    }

    /** Finished, and not a step its running session may still read the output of. */
    private boolean deletable(Task task) {
        if (!task.status().isTerminal()) {
            return false;
        }
        if (task.stepId() == null) {
            return true;
        }
        AgentSession session = em.find(AgentSession.class, task.sessionId());
        return session == null || session.status().isTerminal();
    }

    /** The task's trace goes with it (the foreign key cascades). */
    private void remove(Task task) {
        if (task.status() == TaskStatus.DEAD) {
            removeDeadLetters(task.id());
        }
        em.createQuery("update Task t set t.parentTaskId = null where t.parentTaskId = :id")
                .setParameter("id", task.id()).executeUpdate();
        em.remove(task);
    }

    /** Takes the task's dead letters (its own and any the broker moved there) off the queue in this transaction. */
    private void removeDeadLetters(UUID taskId) {
        try (JMSContext jms = connectionFactory.createContext();
                JMSConsumer consumer = jms.createConsumer(deadLetters,
                        TaskDelivery.TASK_ID + " = '" + taskId + "'")) {
            boolean more = consumer.receive(DEAD_LETTER_WAIT_MS) != null;
            while (more) {
                more = consumer.receiveNoWait() != null;
            }
        }
    }
}
