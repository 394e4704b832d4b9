package io.agentry.tasks.control;

import io.agentry.platform.control.Dialects;
import io.agentry.tasks.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.Session;

/**
 * Tasks read under their row lock, so changes to one task go one at a time. Only the task's own row
 * is locked: on H2, reading the task with a lock would lock its agent's row too (the agent is loaded
 * in the same statement), and then every outcome of an agent would wait for the one before it to
 * commit, so there the row is locked first and read after. PostgreSQL locks only the rows of the
 * task's table in that statement ({@code for update of} its alias), so there a task not yet read is
 * locked and read in one statement, the outcome of every attempt among them.
 */
@ApplicationScoped
public class TaskRows {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    /** The task, locked, when this transaction has not read it yet; null when there is none. */
    public Task lock(UUID taskId) {
        if (Dialects.isPostgresql(em)) {
            return em.unwrap(Session.class).createNamedSelectionQuery(Task.WITH_AGENT, Task.class)
                    .setParameter("id", taskId).setLockMode("t", LockMode.PESSIMISTIC_WRITE)
                    .getResultList().stream().findFirst().orElse(null);
        }
        return lockRow(taskId) ? em.find(Task.class, taskId) : null;
    }

    /** The task this transaction read before, locked and read again; null when it is gone. */
    public Task lock(Task task) {
        if (!lockRow(task.id())) {
            return null;
        }
        em.refresh(task);
        return task;
    }

    private boolean lockRow(UUID taskId) {
        return !em.createNamedQuery(Task.ROW_LOCK, UUID.class)
                .setParameter("id", taskId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .isEmpty();
    }
}
