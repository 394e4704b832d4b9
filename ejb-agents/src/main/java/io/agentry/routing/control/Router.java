package io.agentry.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Resolves a task pattern to its target agent. Rules come from configuration:
 * {@code agentry.routes.<pattern>=<agent>} (environment: {@code AGENTRY_ROUTES_<PATTERN>}).
 */
@ApplicationScoped
public class Router {

    private static final String PREFIX = "agentry.routes.";

    @Inject
    Config config;

    /** The agent name for the pattern, if a rule names one. */
    public Optional<String> targetOf(String pattern) {
        return config.getOptionalValue(PREFIX + pattern, String.class)
                .map(String::trim)
                .filter(agent -> !agent.isEmpty());
    }
}
