package io.agentry.tasks.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.routing.control.Router;
import io.agentry.routing.control.UnknownAgentException;
import io.agentry.routing.control.UnknownPatternException;
import io.agentry.events.control.EventLog;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.EventType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Accepts new tasks: resolves the agent, stores the task and puts its first attempt on the queue,
 * all in one transaction, so there is never a task without its message or a message without its
 * task.
 */
@Stateless
public class TaskSubmission {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry agents;

    @Inject
    Router router;

    @Inject
    RetryDefaults retryDefaults;

    @Inject
    TaskQueue queue;

    @Inject
    EventLog events;

    /** The outcome of a submission; {@code replayed} when the idempotency key named an earlier task. */
    public record Accepted(Task task, boolean replayed) {
    }

    public Accepted submit(NewTask request) {
        if (request.idempotencyKey() != null) {
            var earlier = em.createNamedQuery(Task.BY_IDEMPOTENCY_KEY, Task.class)
                    .setParameter("key", request.idempotencyKey())
                    .getResultStream()
                    .findFirst();
            if (earlier.isPresent()) {
                return new Accepted(earlier.get(), true);
            }
        }
        Agent agent = resolveAgent(request);
        Instant now = Timestamps.now();
        Task task = Task.forAgent(agent)
                .pattern(request.pattern())
                .input(request.payloadJson())
                .metadata(request.metadataJson())
                .priority(request.priority() == null ? 3 : request.priority())
                .retryPolicy(retryDefaults.with(request.retry()))
                .timeoutSeconds(request.timeoutSeconds())
                .callbackUrl(request.callbackUrl())
                .session(request.sessionId())
                .idempotencyKey(request.idempotencyKey())
                .createdAt(now);
        em.persist(task);
        events.record(task, EventType.TASK_CREATED, Map.of("agent", agent.name(), "priority", task.priority()),
                now);
        queue.send(task, Duration.ZERO);
        task.queue(now);
        events.record(task, EventType.TASK_QUEUED, Map.of("attempt", task.currentAttempt()), now);
        return new Accepted(task, false);
    }

    private Agent resolveAgent(NewTask request) {
        String name = request.agent();
        if (name == null) {
            name = router.targetOf(request.pattern()).orElseThrow(() -> new UnknownPatternException(request.pattern()));
        }
        String agentName = name;
        return agents.find(agentName)
                .filter(Agent::isActive)
                .orElseThrow(() -> new UnknownAgentException(agentName));
    }
}
