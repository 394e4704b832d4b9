package io.agentry.routing.control;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.platform.control.Json;
import io.agentry.routing.entity.RoutingRule;
import io.agentry.tasks.entity.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Decides which agent runs a task: the agent it names, the target of its pattern's routing rule
 * (table {@code routing_rules}, read on every routing, so a change made on any server instance
 * holds at once everywhere), or the least busy active agent with the capability it asks for.
 * A pattern costs one indexed query, as naming the agent does.
 */
@ApplicationScoped
public class Router {

    /** Unfinished work that counts against an agent when a capability picks one. */
    static final Set<TaskStatus> UNFINISHED = EnumSet.of(TaskStatus.QUEUED, TaskStatus.IN_PROGRESS);

    private static final String UNFINISHED_BY_AGENT = "select t.agent.id, count(t) from Task t "
            + "where t.agent in :agents and t.status in :unfinished group by t.agent.id";

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry agents;

    /**
     * Where a task goes, and what its routing rule gives a task whose request leaves timeout or
     * priority out (null when no rule routed it or the rule gives none).
     */
    public record Route(Agent agent, Integer ruleTimeoutSeconds, Integer rulePriority) {

        /** The priority the request asks for, else the rule's, else {@code otherwise}. */
        public int priority(Integer requested, int otherwise) {
            if (requested != null) {
                return requested;
            }
            return rulePriority != null ? rulePriority : otherwise;
        }

        /** The timeout the request asks for, else the rule's (or none). */
        public Integer timeoutSeconds(Integer requested) {
            return requested != null ? requested : ruleTimeoutSeconds;
        }
    }

    /** The route of a task that names exactly one of {@code agent}, {@code pattern} and {@code capability}. */
    public Route route(String agent, String pattern, String capability) {
        if (agent != null) {
            return new Route(agents.find(agent).filter(Agent::isActive)
                    .orElseThrow(() -> new UnknownAgentException(agent)), null, null);
        }
        if (pattern != null) {
            return byPattern(pattern);
        }
        if (capability != null) {
            return new Route(byCapability(capability), null, null);
        }
        throw new IllegalArgumentException("A task names an agent, a pattern or a capability");
    }

    private Route byPattern(String pattern) {
        Object[] ruleAndAgent = em.createNamedQuery(RoutingRule.WITH_AGENT, Object[].class)
                .setParameter("pattern", pattern)
                .getResultList().stream()
                .findFirst()
                .orElseThrow(() -> new UnknownPatternException(pattern));
        RoutingRule rule = (RoutingRule) ruleAndAgent[0];
        Agent agent = (Agent) ruleAndAgent[1];
        if (agent == null || !agent.isActive()) {
            throw new UnknownAgentException(rule.targetAgent());
        }
        return new Route(agent, rule.timeoutSeconds(), rule.priority());
    }

    private Agent byCapability(String capability) {
        List<Agent> candidates = agents.all().stream()
                .filter(Agent::isActive)
                .filter(agent -> offers(agent, capability))
                .toList();
        if (candidates.isEmpty()) {
            throw new UnknownCapabilityException(capability);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Map<UUID, Long> unfinished = em.createQuery(UNFINISHED_BY_AGENT, Object[].class)
                .setParameter("agents", candidates)
                .setParameter("unfinished", UNFINISHED)
                .getResultList().stream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));
        return leastLoaded(candidates, unfinished, ThreadLocalRandom.current());
    }

    /** Whether the agent's capabilities (a JSON array of names) hold {@code capability}. */
    static boolean offers(Agent agent, String capability) {
        var capabilities = Json.read(agent.capabilitiesJson());
        if (capabilities == null || !capabilities.isArray()) {
            return false;
        }
        for (var offered : capabilities) {
            if (capability.equals(offered.asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidate with the fewest unfinished tasks (absent from {@code unfinished}: none); among
     * equals a random one, so that submits arriving together (which cannot see each other's
     * uncommitted tasks) spread instead of all landing on the first.
     */
    static Agent leastLoaded(List<Agent> candidates, Map<UUID, Long> unfinished, RandomGenerator random) {
        long fewest = candidates.stream().mapToLong(a -> unfinished.getOrDefault(a.id(), 0L)).min().orElseThrow();
        List<Agent> idlest = candidates.stream()
                .filter(a -> unfinished.getOrDefault(a.id(), 0L) == fewest)
                .sorted(Comparator.comparing(Agent::name))
                .toList();
        return idlest.get(random.nextInt(idlest.size()));
    }
}
