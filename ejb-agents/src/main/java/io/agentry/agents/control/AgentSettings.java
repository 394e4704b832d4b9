package io.agentry.agents.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agentry.agents.entity.Agent;
import io.agentry.platform.control.Json;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An agent's own settings, kept as its {@code configuration} JSON: call timeout (seconds), load
 * balancing, rate limit, circuit breaker and health path. A setting left out takes the server's
 * default from configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentSettings(
        Integer concurrency,
        Integer timeout,
        String loadBalancing,
        RateLimit rateLimit,
        CircuitBreaker circuitBreaker,
        String healthPath) {

    /** Token bucket: {@code burst} calls at once, refilled at {@code rate_per_minute}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateLimit(Integer ratePerMinute, Integer burst) {

        /** Bounds of both, the same for every way of setting them. */
        public static final int MAX_RATE_PER_MINUTE = 6_000_000;
        public static final int MAX_BURST = 100_000;
    }

    /** Opens after {@code failure_threshold} failed calls, tries again after {@code delay_ms}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CircuitBreaker(Integer failureThreshold, Long delayMs) {
    }

    public static final AgentSettings NONE = new AgentSettings(null, null, null, null, null, null);

    /** Settings written by older versions or by hand may carry more; what is not known here is skipped. */
    private static final ObjectReader READER = Json.MAPPER.readerFor(AgentSettings.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Settings read once per distinct configuration text: the gate, the breakers and the rate limits
     * all ask on every submit and every attempt, and an agent's configuration rarely changes.
     */
    private static final Map<String, AgentSettings> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 1000;

    public static AgentSettings of(Agent agent) {
        String json = agent.configurationJson();
        if (json == null || json.isBlank()) {
            return NONE;
        }
        AgentSettings known = PARSED.get(json);
        if (known != null) {
            return known;
        }
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(json, AgentSettings::parse);
    }

    private static AgentSettings parse(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same settings with this pool size: what a deployed agent's registration writes at start-up. */
    public AgentSettings withConcurrency(int poolSize) {
        return new AgentSettings(poolSize, timeout, loadBalancing, rateLimit, circuitBreaker, healthPath);
    }

    /** The same settings with this rate limit: what an operator's change of only the limit writes. */
    public AgentSettings withRateLimit(RateLimit limit) {
        return new AgentSettings(concurrency, timeout, loadBalancing, limit, circuitBreaker, healthPath);
    }

    /** The strategy, round robin when none is set. */
    public LoadBalancing balancing() {
        LoadBalancing strategy = loadBalancing == null ? null : LoadBalancing.fromApiName(loadBalancing);
        return strategy == null ? LoadBalancing.ROUND_ROBIN : strategy;
    }
}
