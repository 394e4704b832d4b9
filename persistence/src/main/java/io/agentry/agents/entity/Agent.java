package io.agentry.agents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
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
public class Agent {

    public static final String BY_NAME = "Agent.byName";
    public static final String ALL = "Agent.all";

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

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
