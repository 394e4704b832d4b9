package io.agentry.agents.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An agent that tasks can be routed to: a message-driven bean in this server ({@link AgentKind#MDB})
 * or a remote HTTP service ({@link AgentKind#HTTP}).
 */
@Entity
@Table(name = "agents")
@NamedQuery(name = Agent.BY_NAME, query = "select a from Agent a where a.name = :name")
@NamedQuery(name = Agent.ALL, query = "select a from Agent a order by a.name")
@NamedQuery(name = Agent.WITH_ENDPOINTS, query = "select distinct a from Agent a left join fetch a.endpoints "
        + "where a.name = :name")
@NamedNativeQuery(name = Agent.CLAIM_POSTGRESQL, query = "INSERT INTO agents "
        + "(id, name, type, is_active, paused, created_at, updated_at) VALUES (?1, ?2, ?3, TRUE, FALSE, ?4, ?4) "
        + "ON CONFLICT (name) DO NOTHING")
@NamedNativeQuery(name = Agent.CLAIM_H2, query = "MERGE INTO agents a "
        + "USING (SELECT CAST(?1 AS UUID) AS id, CAST(?2 AS VARCHAR(100)) AS name, CAST(?3 AS VARCHAR(20)) AS type, "
        + "CAST(?4 AS TIMESTAMP(6) WITH TIME ZONE) AS now) s ON a.name = s.name "
        + "WHEN NOT MATCHED THEN INSERT (id, name, type, is_active, paused, created_at, updated_at) "
        + "VALUES (s.id, s.name, s.type, TRUE, FALSE, s.now, s.now)")
public class Agent {

    /**
     * Parameters: id, name, type, now — creates a bare row for the name unless it has one, so that
     * instances registering the same agent at once never fail on the name's unique key.
     */
    public static final String CLAIM_POSTGRESQL = "Agent.claimPostgresql";
    /** As {@link #CLAIM_POSTGRESQL}, for H2. */
    public static final String CLAIM_H2 = "Agent.claimH2";

    public static final String BY_NAME = "Agent.byName";
    public static final String ALL = "Agent.all";
    public static final String WITH_ENDPOINTS = "Agent.withEndpoints";

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(nullable = false, length = 20)
    private String type;

    @Column(length = 1000)
    private String description;

    @JdbcTypeCode(SqlTypes.JSON)
    private String capabilities;

    @JdbcTypeCode(SqlTypes.JSON)
    private String configuration;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(nullable = false)
    private boolean paused;

    // Eager: an agent is shown and called with its endpoints, often after its transaction has ended.
    @OneToMany(mappedBy = "agent", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("url")
    private List<AgentEndpoint> endpoints = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Agent() {
    }

    public Agent(String name, AgentKind kind, String description, String capabilitiesJson, String configurationJson,
            Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.type = kind.apiName();
        this.description = description;
        this.capabilities = capabilitiesJson;
        this.configuration = configurationJson;
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Brings a registration up to date with the agent's current definition. */
    public void redefine(AgentKind kind, String description, String capabilitiesJson, String configurationJson,
            Instant now) {
        this.type = kind.apiName();
        this.description = description;
        this.capabilities = capabilitiesJson;
        this.configuration = configurationJson;
        this.active = true;
        this.updatedAt = now;
    }

    /**
     * Sets what a remote agent is: its description, capabilities, settings and endpoints (URL to
     * weight). Endpoints it keeps keep their health; a retired agent of the same name comes back.
     */
    public void describeRemote(String description, String capabilitiesJson, String configurationJson,
            Map<URI, Integer> weights, Instant now) {
        if (kind() != AgentKind.HTTP) {
            throw new IllegalStateException("Agent '" + name + "' runs in this server; it is not a remote agent");
        }
        this.description = description;
        this.capabilities = capabilitiesJson;
        this.configuration = configurationJson;
        this.active = true;
        Map<URI, Integer> wanted = new LinkedHashMap<>(weights);
        endpoints.removeIf(endpoint -> !wanted.containsKey(endpoint.url()));
        for (AgentEndpoint endpoint : endpoints) {
            endpoint.reweigh(wanted.remove(endpoint.url()));
        }
        wanted.forEach((url, weight) -> endpoints.add(new AgentEndpoint(this, url, weight)));
        this.updatedAt = now;
    }

    /** Takes the agent out of routing; its row stays, for the tasks that ran on it. */
    public void retire(Instant now) {
        this.active = false;
        this.paused = false;
        this.endpoints.clear();
        this.updatedAt = now;
    }

    /** Its tasks wait (nothing is lost) until it is resumed. */
    public void pause(Instant now) {
        this.paused = true;
        this.updatedAt = now;
    }

    public void resume(Instant now) {
        this.paused = false;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public AgentKind kind() {
        return AgentKind.fromApiName(type);
    }

    public String description() {
        return description;
    }

    public String capabilitiesJson() {
        return capabilities;
    }

    public String configurationJson() {
        return configuration;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isPaused() {
        return paused;
    }

    public List<AgentEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
