package io.agentry.agents.control;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import io.agentry.platform.control.Json;
import io.agentry.platform.control.Timestamps;
import io.agentry.resilience.control.CircuitBreakers;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Registers, changes and retires agents at run time. Remote agents come and go this way; agents
 * that run in this server are deployed with it, and only their settings can be changed here.
 */
@Stateless
public class AgentRegistrations {

    private static final EnumSet<TaskStatus> UNFINISHED = EnumSet.of(TaskStatus.PENDING, TaskStatus.QUEUED,
            TaskStatus.IN_PROGRESS, TaskStatus.WAITING, TaskStatus.PAUSED, TaskStatus.RETRY_SCHEDULED);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry registry;

    @Inject
    CircuitBreakers breakers;

    /** Registers a remote agent; a retired one of the same name comes back with the new definition. */
    public Agent register(String name, AgentSpec spec) {
        Instant now = Timestamps.now();
        Optional<Agent> existing = locked(name);
        if (existing.isPresent() && (existing.get().isActive() || existing.get().kind() != AgentKind.HTTP)) {
            throw new AgentConflictException("Agent '" + name + "' is already registered");
        }
        Agent agent = existing.orElseGet(() -> {
            Agent created = new Agent(name, AgentKind.HTTP, spec.description(), null, null, now);
            em.persist(created);
            return created;
        });
        agent.describeRemote(spec.description(), Json.write(spec.capabilities()), Json.write(spec.settings()),
                spec.endpoints(), now);
        return agent;
    }

    /**
     * Replaces an agent's definition; empty when there is no such active agent. Agents of this
     * server keep their description, capabilities and pool size.
     */
    public Optional<Agent> update(String name, AgentSpec spec) {
        Optional<Agent> found = locked(name).filter(Agent::isActive);
        found.ifPresent(agent -> {
            Instant now = Timestamps.now();
            if (agent.kind() == AgentKind.HTTP) {
                agent.describeRemote(spec.description(), Json.write(spec.capabilities()), Json.write(spec.settings()),
                        spec.endpoints(), now);
            } else {
                if (!spec.endpoints().isEmpty()) {
                    throw new AgentConflictException("Agent '" + name + "' runs in this server; it has no endpoints");
                }
                AgentSettings own = AgentSettings.of(agent);
                AgentSettings merged = new AgentSettings(own.concurrency(), spec.settings().timeout(), null,
                        spec.settings().rateLimit(), spec.settings().circuitBreaker(), null);
                agent.redefine(AgentKind.MDB, agent.description(), agent.capabilitiesJson(), Json.write(merged), now);
            }
        });
        return found;
    }

    /**
     * Retires a remote agent that has no unfinished tasks (they would have no one to run them);
     * its row stays for the tasks that ran on it. Empty when there is no such active agent.
     */
    public Optional<Agent> retire(String name) {
        Optional<Agent> found = locked(name).filter(Agent::isActive);
        found.ifPresent(agent -> {
            if (agent.kind() != AgentKind.HTTP) {
                throw new AgentConflictException("Agent '" + name + "' runs in this server and cannot be removed");
            }
            long unfinished = em.createQuery("select count(t) from Task t where t.agent = :agent "
                    + "and t.status in :unfinished", Long.class)
                    .setParameter("agent", agent)
                    .setParameter("unfinished", UNFINISHED)
                    .getSingleResult();
            if (unfinished > 0) {
                throw new AgentConflictException("Agent '" + name + "' has " + unfinished
                        + " unfinished tasks; cancel them or let them finish first");
            }
            agent.retire(Timestamps.now());
            breakers.forget(name);
        });
        return found;
    }

    /** Changes only the agent's rate limit (null: none); empty when there is no such active agent. */
    public Optional<Agent> limitRate(String name, AgentSettings.RateLimit limit) {
        Optional<Agent> found = locked(name).filter(Agent::isActive);
        found.ifPresent(agent -> agent.redefine(agent.kind(), agent.description(), agent.capabilitiesJson(),
                Json.write(AgentSettings.of(agent).withRateLimit(limit)), Timestamps.now()));
        return found;
    }

    /** Closes the agent's circuit breakers (its own and its endpoints'); empty when there is no such agent. */
    public Optional<Agent> resetBreakers(String name) {
        Optional<Agent> found = registry.find(name).filter(Agent::isActive);
        found.ifPresent(breakers::reset);
        return found;
    }

    private Optional<Agent> locked(String name) {
        return em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream()
                .findFirst();
    }
}
