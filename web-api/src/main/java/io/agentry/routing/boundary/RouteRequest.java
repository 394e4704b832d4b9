package io.agentry.routing.boundary;

import io.agentry.routing.entity.RuleDefinition;

/**
 * The body of {@code PUT /api/routes/{pattern}}. Its limits are those of {@link RuleDefinition},
 * checked on the rule it becomes.
 */
public record RouteRequest(String targetAgent, Integer timeout, Integer priority) {

    RuleDefinition toRule(String pattern) {
        return new RuleDefinition(pattern, targetAgent, timeout, priority);
    }
}
