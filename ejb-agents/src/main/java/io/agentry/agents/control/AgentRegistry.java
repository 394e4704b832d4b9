package io.agentry.agents.control;

import io.agentry.platform.control.Timestamps;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import io.agentry.agents.spi.AgentDefinition;
import io.agentry.platform.control.Dialects;
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
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.hibernate.query.NativeQuery;

/**
 * Writes the agents of this deployment to the {@code agents} table at start-up and answers which
 * agents exist. Registration claims the name's row first (an insert that does nothing when
 * the name exists) and then updates it under a lock, so restarts and several instances starting
 * at once on one database agree.
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
            Agent agent = claim(definition.name(), now);
            // Settings an operator changed at run time (rate limit, breaker, timeout) survive restarts.
            String configuration = Json.write(AgentSettings.of(agent).withConcurrency(concurrency));
            agent.redefine(AgentKind.MDB, definition.description(), capabilities, configuration, now);
            LOG.info(() -> "Agent '" + definition.name() + "' registered");
        }
        int released = pauses.requeueReleased();
        if (released > 0) {
            LOG.info(() -> released + " parked tasks of resumed agents queued again");
        }
    }

    /** The agent's row, created bare if the name has none, locked until the transaction ends. */
    private Agent claim(String name, Instant now) {
        em.createNamedQuery(Dialects.isPostgresql(em) ? Agent.CLAIM_POSTGRESQL : Agent.CLAIM_H2)
                .unwrap(NativeQuery.class)
                .setParameter(1, UUID.randomUUID(), UUID.class)
                .setParameter(2, name, String.class)
                .setParameter(3, AgentKind.MDB.apiName(), String.class)
                .setParameter(4, now, Instant.class)
                .executeUpdate();
        return em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
    }

    private int concurrencyOf(String agent) {
        return config.getOptionalValue("agentry.agents." + agent + ".concurrency", Integer.class).orElse(1);
    }

    public Optional<Agent> find(String name) {
        return em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("name", name)
                .getResultList().stream()
                .findFirst();
    }

    /** The agent with its endpoints loaded, for callers that work on it outside a transaction. */
    public Optional<Agent> findWithEndpoints(String name) {
        return em.createNamedQuery(Agent.WITH_ENDPOINTS, Agent.class)
                .setParameter("name", name)
                .getResultList().stream()
                .findFirst();
    }

    public List<Agent> all() {
        return em.createNamedQuery(Agent.ALL, Agent.class).getResultList();
    }
}
