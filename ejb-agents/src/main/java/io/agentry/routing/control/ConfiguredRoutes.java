package io.agentry.routing.control;

import io.agentry.agents.control.AgentRegistry;
import io.agentry.routing.entity.RuleDefinition;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes the routing rules of configuration ({@link RoutingConfiguration}) into the table at
 * start-up. They replace the stored rules of the same patterns; rules of other patterns (added
 * through the API) stay.
 */
@Singleton
@Startup
@DependsOn("AgentRegistry")
public class ConfiguredRoutes {

    private static final Logger LOG = Logger.getLogger(ConfiguredRoutes.class.getName());

    @Inject
    RoutingConfiguration configuration;

    @Inject
    Routes routes;

    @Inject
    AgentRegistry agents;

    @PostConstruct
    void load() {
        List<RuleDefinition> rules = configuration.rules();
        routes.load(rules);
        LOG.info(() -> rules.size() + " routing rules loaded from " + configuration.source());
        // A rule may name a remote agent that registers later; until it does, its tasks are refused.
        rules.stream()
                .filter(rule -> agents.find(rule.targetAgent()).isEmpty())
                .forEach(rule -> LOG.warning(() -> "Routing rule '" + rule.pattern() + "' of " + configuration.source()
                        + " names agent '" + rule.targetAgent() + "', which is not registered (yet)"));
    }
}
