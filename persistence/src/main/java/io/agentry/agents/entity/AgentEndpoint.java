package io.agentry.agents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * One URL a remote agent answers on, with its share of the traffic ({@code weight}) and the outcome
 * of its last health check: an endpoint that failed it is out of the rotation until it passes.
 */
@Entity
@Table(name = "agent_endpoints")
public class AgentEndpoint {

    private static final int MAX_ERROR_LENGTH = 1000;

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "agent_id")
    private Agent agent;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(nullable = false)
    private int weight;

    @Column(nullable = false)
    private boolean healthy;

    @Column(name = "last_health_check")
    private Instant lastHealthCheck;

    @Column(name = "last_health_error", length = MAX_ERROR_LENGTH)
    private String lastHealthError;

    protected AgentEndpoint() {
    }

    AgentEndpoint(Agent agent, URI url, int weight) {
        this.id = UUID.randomUUID();
        this.agent = agent;
        this.url = url.toString();
        this.weight = weight;
        this.healthy = true;
    }

    /** Records a health check; returns whether the endpoint's health changed. */
    public boolean checked(boolean passed, String error, Instant now) {
        boolean changed = passed != healthy;
        healthy = passed;
        lastHealthCheck = now;
        lastHealthError = passed || error == null ? null
                : error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        return changed;
    }

    void reweigh(int weight) {
        this.weight = weight;
    }

    public UUID id() {
        return id;
    }

    public Agent agent() {
        return agent;
    }

    public URI url() {
        return URI.create(url);
    }

    public int weight() {
        return weight;
    }

    public boolean isHealthy() {
        return healthy;
    }

    public Instant lastHealthCheck() {
        return lastHealthCheck;
    }

    public String lastHealthError() {
        return lastHealthError;
    }
}
