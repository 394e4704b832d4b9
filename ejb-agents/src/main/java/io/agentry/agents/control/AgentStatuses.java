package io.agentry.agents.control;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentEndpoint;
import io.agentry.agents.entity.AgentKind;
import io.agentry.remote.control.LoadBalancer;
import io.agentry.resilience.control.CircuitBreakers;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Works out an agent's status. An agent of this server is healthy when it is deployed here and its
 * breaker is not open; a remote one when at least one endpoint passed its last health check and
 * its breaker is not open. Task counts come from the database (all instances); breakers and calls
 * in flight to endpoints are this instance's.
 */
@Stateless
public class AgentStatuses {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry registry;

    @Inject
    AgentCatalog catalog;

    @Inject
    CircuitBreakers breakers;

    @Inject
    LoadBalancer balancer;

    public Optional<AgentStatus> of(String name) {
        return registry.find(name).map(this::of);
    }

    public AgentStatus of(Agent agent) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        em.createQuery("select t.status, count(t) from Task t where t.agent = :agent group by t.status", Object[].class)
                .setParameter("agent", agent)
                .getResultList()
                .forEach(row -> counts.put((TaskStatus) row[0], (Long) row[1]));
        Double average = em.createQuery("select avg(extract(epoch from t.completedAt) - extract(epoch from t.startedAt)) "
                + "from Task t where t.agent = :agent and t.status = :completed", Double.class)
                .setParameter("agent", agent)
                .setParameter("completed", TaskStatus.COMPLETED)
                .getSingleResult();
        List<AgentStatus.EndpointStatus> endpoints = agent.endpoints().stream()
                .map(e -> new AgentStatus.EndpointStatus(e.url().toString(), e.weight(), e.isHealthy(),
                        e.lastHealthCheck(), e.lastHealthError(),
                        CircuitBreakers.stateName(breakers.ofEndpoint(agent, e.url())),
                        balancer.inFlight(agent.name(), e.url())))
                .toList();
        String breaker = CircuitBreakers.stateName(breakers.ofAgent(agent));
        return new AgentStatus(agent.name(), agent.kind().apiName(), state(agent), healthy(agent, breaker),
                breaker,
                counts.getOrDefault(TaskStatus.IN_PROGRESS, 0L),
                counts.getOrDefault(TaskStatus.COMPLETED, 0L),
                counts.getOrDefault(TaskStatus.FAILED, 0L) + counts.getOrDefault(TaskStatus.DEAD, 0L),
                average,
                agent.endpoints().stream().map(AgentEndpoint::lastHealthCheck).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(null),
                endpoints);
    }

    /** How many agents are active, and how many of them healthy. */
    public record Census(long healthy, long total) {
    }

    public Census census() {
        List<Health> health = health();
        return new Census(health.stream().filter(Health::healthy).count(), health.size());
    }

    /** An active agent's health and breaker state ({@code closed}, {@code half_open}, {@code open}, {@code disabled}). */
    public record Health(String name, boolean healthy, String circuitBreaker) {
    }

    /** Every active agent's health, without counting its tasks. */
    public List<Health> health() {
        return registry.all().stream().filter(Agent::isActive).map(a -> {
            String breaker = CircuitBreakers.stateName(breakers.ofAgent(a));
            return new Health(a.name(), healthy(a, breaker), breaker);
        }).toList();
    }

    private boolean healthy(Agent agent, String breaker) {
        if (!agent.isActive() || "open".equals(breaker)) {
            return false;
        }
        if (agent.kind() == AgentKind.MDB) {
            return catalog.definitions().stream().anyMatch(d -> d.name().equals(agent.name()));
        }
        return agent.endpoints().stream().anyMatch(AgentEndpoint::isHealthy);
    }

    private static String state(Agent agent) {
        if (!agent.isActive()) {
            return "retired";
        }
        return agent.isPaused() ? "paused" : "active";
    }
}
