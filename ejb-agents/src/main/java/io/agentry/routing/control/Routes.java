package io.agentry.routing.control;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.platform.control.Dialects;
import io.agentry.platform.control.Timestamps;
import io.agentry.routing.entity.RoutingRule;
import io.agentry.routing.entity.RuleDefinition;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.NativeQuery;

/**
 * The routing rules in the {@code routing_rules} table, the one source of truth for routing:
 * listed, looked up, created or replaced, deleted. Every write is an upsert by pattern, so server
 * instances writing the same pattern at once (at start-up, or through the API) never fail on the
 * unique key; the last one wins.
 */
@Stateless
public class Routes {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry agents;

    /** A rule after {@link #put}, and whether the pattern had no rule before. */
    public record Written(RoutingRule rule, boolean created) {
    }

    public List<RoutingRule> all() {
        return em.createNamedQuery(RoutingRule.ALL, RoutingRule.class).getResultList();
    }

    public Optional<RoutingRule> find(String pattern) {
        return Optional.ofNullable(em.find(RoutingRule.class, pattern));
    }

    /** Creates or replaces the rule of its pattern; its target must be a registered agent. */
    public Written put(RuleDefinition rule) {
        if (agents.find(rule.targetAgent()).isEmpty()) {
            throw new UnknownAgentException(rule.targetAgent());
        }
        RoutingRule before = em.find(RoutingRule.class, rule.pattern());
        upsert(rule, Timestamps.now());
        if (before == null) {
            return new Written(em.find(RoutingRule.class, rule.pattern()), true);
        }
        em.refresh(before);
        return new Written(before, false);
    }

    /** Deletes the rule of {@code pattern}; false when there was none. */
    public boolean delete(String pattern) {
        return em.createNamedQuery(RoutingRule.DELETE).setParameter("pattern", pattern).executeUpdate() > 0;
    }

    /**
     * Writes rules from configuration over the rules of the same patterns, and leaves the others be.
     * In pattern order, so instances loading overlapping files at once take row locks in one order.
     */
    public void load(List<RuleDefinition> rules) {
        Instant now = Timestamps.now();
        rules.stream().sorted(Comparator.comparing(RuleDefinition::pattern)).forEach(rule -> upsert(rule, now));
    }

    private void upsert(RuleDefinition rule, Instant now) {
        em.createNamedQuery(Dialects.isPostgresql(em) ? RoutingRule.UPSERT_POSTGRESQL : RoutingRule.UPSERT_H2)
                .unwrap(NativeQuery.class)
                .setParameter(1, rule.pattern(), String.class)
                .setParameter(2, rule.targetAgent(), String.class)
                .setParameter(3, rule.timeout(), Integer.class)
                .setParameter(4, rule.priority(), Integer.class)
                .setParameter(5, now, Instant.class)
                .setParameter(6, now, Instant.class)
                .executeUpdate();
    }
}
