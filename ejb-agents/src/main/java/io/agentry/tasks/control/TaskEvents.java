package io.agentry.tasks.control;

import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskEvent;
import io.agentry.tasks.entity.TaskEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records lifecycle events in the {@code task_events} trace, in the transaction of the change they
 * describe.
 */
@ApplicationScoped
public class TaskEvents {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    public void record(Task task, TaskEventType type, Map<String, ?> data, Instant now) {
        em.persist(new TaskEvent(task, type, Json.write(data), now));
    }

    public List<TaskEvent> of(UUID taskId) {
        return em.createNamedQuery(TaskEvent.BY_TASK, TaskEvent.class).setParameter("taskId", taskId).getResultList();
    }
}
