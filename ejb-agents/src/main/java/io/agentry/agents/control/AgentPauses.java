package io.agentry.agents.control;

import io.agentry.agents.entity.Agent;
import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Timestamps;
import io.agentry.tasks.control.TaskQueue;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Pausing and resuming an agent. A paused agent's attempts are parked as they arrive (status
 * {@code paused}, off the queue, so a long pause does not spin the queue); resuming puts them back
 * on it, highest priority first. Resuming takes the agent's row lock and parking shares it, so an
 * attempt is never parked after the resume that should have released it, while parks do not wait for
 * each other nor, on PostgreSQL, for transactions inserting the agent's tasks (their foreign key
 * check shares the row too).
 */
@Stateless
public class AgentPauses {

    private static final Logger LOG = Logger.getLogger(AgentPauses.class.getName());
    /** Parked tasks queued again per transaction. */
    private static final int CHUNK = 500;

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    TaskQueue queue;

    @Inject
    EventLog events;

    @Resource
    SessionContext context;

    /** Parks a delivered attempt when its agent is paused; joins the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean parkIfPaused(Task task, Instant now) {
        Agent agent = task.agent();
        if (!agent.isPaused()) {
            return false;
        }
        em.refresh(agent, LockModeType.PESSIMISTIC_READ);
        if (!agent.isPaused()) {
            return false;
        }
        task.pause(now);
        events.record(task, EventType.TASK_PAUSED, Map.of("attempt", task.currentAttempt()), now);
        return true;
    }

    /** Pauses the agent; empty when there is no such agent. */
    public Optional<Agent> pause(String name) {
        Optional<Agent> agent = locked(name);
        agent.ifPresent(a -> {
            a.pause(Timestamps.now());
            LOG.info(() -> "Agent '" + name + "' paused");
        });
        return agent;
    }

    /** Pauses every active agent that is not paused yet; returns their names. */
    public List<String> pauseAll() {
        List<String> names = em.createNamedQuery(Agent.ALL, Agent.class).getResultList().stream()
                .filter(a -> a.isActive() && !a.isPaused())
                .map(Agent::name)
                .toList();
        names.forEach(this::pause);
        return names;
    }

    /** Resumes every paused agent, each as {@link #resume} does; returns their names. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> resumeAll() {
        List<String> names = em.createNamedQuery(Agent.ALL, Agent.class).getResultList().stream()
                .filter(a -> a.isActive() && a.isPaused())
                .map(Agent::name)
                .toList();
        names.forEach(self()::resume);
        return names;
    }

    /** Resumes the agent and queues its parked tasks again; empty when there is no such agent. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Agent> resume(String name) {
        Optional<Agent> agent = self().unpause(name);
        agent.ifPresent(a -> {
            int requeued = requeueParked(a.id());
            LOG.info(() -> "Agent '" + name + "' resumed; " + requeued + " parked tasks queued again");
        });
        return agent;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Agent> unpause(String name) {
        Optional<Agent> agent = locked(name);
        agent.ifPresent(a -> a.resume(Timestamps.now()));
        return agent;
    }

    /**
     * Queues the parked tasks of agents that are not paused: after a resume that a crash cut short,
     * they would otherwise wait for ever. Run at start-up.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int requeueReleased() {
        List<UUID> agents = em.createQuery("select distinct t.agent.id from Task t "
                + "where t.status = :paused and t.agent.paused = false", UUID.class)
                .setParameter("paused", TaskStatus.PAUSED)
                .getResultList();
        return agents.stream().mapToInt(this::requeueParked).sum();
    }

    private int requeueParked(UUID agentId) {
        int total = 0;
        int chunk;
        do {
            chunk = self().requeueChunk(agentId);
            total += chunk;
        } while (chunk == CHUNK);
        return total;
    }

    /** Queues up to one chunk of the agent's parked tasks, unless it was paused again meanwhile. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int requeueChunk(UUID agentId) {
        Agent agent = em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        if (agent == null || agent.isPaused()) {
            return 0;
        }
        List<Task> parked = em.createQuery("select t from Task t where t.agent = :agent and t.status = :paused "
                + "order by t.priority desc, t.createdAt", Task.class)
                .setParameter("agent", agent)
                .setParameter("paused", TaskStatus.PAUSED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(CHUNK)
                .getResultList();
        Instant now = Timestamps.now();
        parked.forEach(task -> queue.dispatch(task, now));
        return parked.size();
    }

    private Optional<Agent> locked(String name) {
        return em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream()
                .filter(Agent::isActive)
                .findFirst();
    }

    private AgentPauses self() {
        return context.getBusinessObject(AgentPauses.class);
    }
}
