package io.agentry.tasks.control;

import io.agentry.agents.spi.Subtask;
import io.agentry.agents.spi.SubtaskResult;
import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Json;
import io.agentry.routing.control.Router;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks that wait for subtasks. The parent gives its thread back while it waits; the subtask that
 * ends last, in the transaction that records its end and under the parent's row lock, puts the
 * parent's attempt back on the queue, so the parent resumes exactly once.
 */
@ApplicationScoped
public class Subtasks {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    TaskRows rows;

    @Inject
    Router router;

    @Inject
    RetryDefaults retryDefaults;

    @Inject
    TaskQueue queue;

    @Inject
    EventLog events;

    @Inject
    TaskSubmission tasks;

    /** Creates and dispatches the subtasks (all, or none when one names no agent); the parent waits for them. */
    public void spawn(Task parent, List<Subtask> subtasks, Instant now) {
        List<Router.Route> routes = subtasks.stream().map(s -> router.route(s.agent(), s.pattern(), null)).toList();
        List<Task> children = new ArrayList<>(subtasks.size());
        for (int i = 0; i < subtasks.size(); i++) {
            Subtask subtask = subtasks.get(i);
            Router.Route route = routes.get(i);
            Task child = Task.forAgent(route.agent())
                    .pattern(subtask.pattern())
                    .input(Json.write(subtask.payload()))
                    .priority(route.priority(subtask.priority(), parent.priority()))
                    .retryPolicy(retryDefaults.with(null))
                    .timeoutSeconds(route.timeoutSeconds(null))
                    .subtaskOf(parent)
                    .createdAt(now);
            children.add(child);
        }
        tasks.storeQueued(children, now);
        List<String> ids = children.stream().map(child -> child.id().toString()).toList();
        parent.awaitSubtasks(now);
        events.record(parent, EventType.TASK_WAITING, Map.of("subtasks", ids), now);
    }

    /** A subtask ended: when it was the last one, its parent resumes. */
    public void childEnded(Task child, Instant now) {
        Task parent = rows.lock(child.parentTaskId());
        if (parent == null || parent.status() != TaskStatus.WAITING) {
            return;
        }
        List<Task> children = of(parent.id());
        if (children.stream().allMatch(c -> c.status().isTerminal())) {
            parent.resume(now);
            queue.send(parent, Duration.ZERO);
            events.record(parent, EventType.TASK_RESUMED, Map.of("attempt", parent.currentAttempt(),
                    "subtasks", children.size()), now);
        }
    }

    /** How the subtasks of {@code parentId} ended, for its agent. */
    public List<SubtaskResult> resultsOf(UUID parentId) {
        return of(parentId).stream()
                .map(c -> new SubtaskResult(c.id(), c.agent().name(), c.status().apiName(), Json.read(c.outputJson()),
                        c.errorMessage()))
                .toList();
    }

    private List<Task> of(UUID parentId) {
        return em.createNamedQuery(Task.SUBTASKS, Task.class).setParameter("parentId", parentId).getResultList();
    }
}
