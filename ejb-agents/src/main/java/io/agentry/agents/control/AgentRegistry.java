package io.agentry.agents.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import io.agentry.agents.spi.AgentDefinition;
import io.agentry.platform.control.Json;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Writes the agents of this deployment to the {@code agents} table at start-up and answers which
 * agents exist. Registration is an upsert by name, so restarts and several instances agree.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class AgentRegistry {

    private static final Logger LOG = Logger.getLogger(AgentRegistry.class.getName());

    @Inject
    AgentCatalog catalog;

    @Inject
    Config config;

    @Inject
    AgentPauses pauses;

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void registerDeployedAgents() {
        Instant now = Timestamps.now();
        for (AgentDefinition definition : catalog.definitions()) {
            String capabilities = Json.write(List.of(definition.capabilities()));
            int concurrency = concurrencyOf(definition.name());
            Optional<Agent> existing = find(definition.name());
            if (existing.isPresent()) {
                // Settings an operator changed at run time (rate limit, breaker, timeout) survive restarts.
                String configuration = Json.write(AgentSettings.of(existing.get()).withConcurrency(concurrency));
                existing.get().redefine(AgentKind.MDB, definition.description(), capabilities, configuration, now);
            } else {
                String configuration = Json.write(AgentSettings.NONE.withConcurrency(concurrency));
                em.persist(new Agent(definition.name(), AgentKind.MDB, definition.description(), capabilities,
                        configuration, now));
            }
            LOG.info(() -> "Agent '" + definition.name() + "' registered");
        }
        int released = pauses.requeueReleased();
        if (released > 0) {
            LOG.info(() -> released + " parked tasks of resumed agents queued again");
        }
    }

    private int concurrencyOf(String agent) {
        return config.getOptionalValue("agentry.agents." + agent + ".concurrency", Integer.class).orElse(1);
    }

    public Optional<Agent> find(String name) {
        return em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** The agent with its endpoints loaded, for callers that work on it outside a transaction. */
    public Optional<Agent> findWithEndpoints(String name) {
        return em.createNamedQuery(Agent.WITH_ENDPOINTS, Agent.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    public List<Agent> all() {
        return em.createNamedQuery(Agent.ALL, Agent.class).getResultList();
    }
}
