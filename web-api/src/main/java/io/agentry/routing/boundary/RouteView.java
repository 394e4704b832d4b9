package io.agentry.routing.boundary;

import io.agentry.routing.entity.RoutingRule;
import java.time.Instant;

/**
 * A routing rule as the API shows it; {@code timeout} and {@code priority} are null when the rule
 * leaves them to the task or the defaults.
 */
public record RouteView(String pattern, String targetAgent, Integer timeout, Integer priority, Instant createdAt,
        Instant updatedAt) {

    static RouteView of(RoutingRule rule) {
        return new RouteView(rule.pattern(), rule.targetAgent(), rule.timeoutSeconds(), rule.priority(),
                rule.createdAt(), rule.updatedAt());
    }
}
