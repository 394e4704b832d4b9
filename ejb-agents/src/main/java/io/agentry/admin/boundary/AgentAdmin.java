package io.agentry.admin.boundary;

import io.agentry.agents.control.AgentPauses;
import io.agentry.agents.control.AgentRegistrations;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.control.AgentStatus;
import io.agentry.agents.control.AgentStatuses;
import io.agentry.agents.entity.Agent;
import java.util.Optional;
import java.util.function.Function;

/** One agent's MXBean; every call goes to the controls the REST API uses. */
final class AgentAdmin implements AgentMXBean {

    private final String name;
    private final AgentStatuses statuses;
    private final AgentPauses pauses;
    private final AgentRegistrations registrations;
    private final AgentRegistry registry;

    AgentAdmin(String name, AgentStatuses statuses, AgentPauses pauses, AgentRegistrations registrations,
            AgentRegistry registry) {
        this.name = name;
        this.statuses = statuses;
        this.pauses = pauses;
        this.registrations = registrations;
        this.registry = registry;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getType() {
        return status().type();
    }

    @Override
    public String getState() {
        return status().state();
    }

    @Override
    public boolean isHealthy() {
        return status().healthy();
    }

    @Override
    public long getInFlight() {
        return status().inFlight();
    }

    @Override
    public long getProcessed() {
        return status().processed();
    }

    @Override
    public long getFailed() {
        return status().failed();
    }

    @Override
    public Double getAverageTimeSeconds() {
        return status().averageTime();
    }

    @Override
    public String getCircuitBreaker() {
        return status().circuitBreaker();
    }

    @Override
    public Integer getRatePerMinute() {
        return rateLimit().map(AgentSettings.RateLimit::ratePerMinute).orElse(null);
    }

    @Override
    public Integer getBurst() {
        return rateLimit().map(AgentSettings.RateLimit::burst).orElse(null);
    }

    @Override
    public String pause() {
        return statusAfter(pauses::pause).state();
    }

    @Override
    public String resume() {
        return statusAfter(pauses::resume).state();
    }

    @Override
    public String resetCircuitBreaker() {
        return statusAfter(registrations::resetBreakers).circuitBreaker();
    }

    @Override
    public void setRateLimit(int ratePerMinute, int burst) {
        if (ratePerMinute < 1 || ratePerMinute > AgentSettings.RateLimit.MAX_RATE_PER_MINUTE) {
            throw new IllegalArgumentException("ratePerMinute must be 1 to " + AgentSettings.RateLimit.MAX_RATE_PER_MINUTE);
        }
        if (burst < 1 || burst > AgentSettings.RateLimit.MAX_BURST) {
            throw new IllegalArgumentException("burst must be 1 to " + AgentSettings.RateLimit.MAX_BURST);
        }
        statusAfter(n -> registrations.limitRate(n, new AgentSettings.RateLimit(ratePerMinute, burst)));
    }

    @Override
    public void removeRateLimit() {
        statusAfter(n -> registrations.limitRate(n, null));
    }

    private AgentStatus status() {
        return statuses.of(name).orElseThrow(this::gone);
    }

    private AgentStatus statusAfter(Function<String, Optional<Agent>> change) {
        change.apply(name).orElseThrow(this::gone);
        return status();
    }

    private Optional<AgentSettings.RateLimit> rateLimit() {
        Agent agent = registry.find(name).orElseThrow(this::gone);
        return Optional.ofNullable(AgentSettings.of(agent).rateLimit());
    }

    private IllegalArgumentException gone() {
        return new IllegalArgumentException("No agent '" + name + "'");
    }
}
