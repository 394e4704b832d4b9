package io.agentry.routing.control;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Decides which agent runs a task: the one it names, or the target of its pattern's routing rule.
 * Rules come from configuration: {@code agentry.routes.<pattern>=<agent>} (environment:
 * {@code AGENTRY_ROUTES_<PATTERN>}).
 */
@ApplicationScoped
public class Router {

    private static final String PREFIX = "agentry.routes.";

    @Inject
    Config config;

    @Inject
    AgentRegistry agents;

    /** The active agent for a task that names {@code agent}, or else {@code pattern}. */
    public Agent route(String agent, String pattern) {
        String name = agent != null ? agent : targetOf(pattern).orElseThrow(() -> new UnknownPatternException(pattern));
        return agents.find(name)
                .filter(Agent::isActive)
                .orElseThrow(() -> new UnknownAgentException(name));
    }

    /** The agent name for the pattern, if a rule names one. */
    public Optional<String> targetOf(String pattern) {
        return config.getOptionalValue(PREFIX + pattern, String.class)
                .map(String::trim)
                .filter(agent -> !agent.isEmpty());
    }
}
