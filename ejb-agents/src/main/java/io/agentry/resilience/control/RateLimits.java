package io.agentry.resilience.control;

import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agents' rate limits (Bucket4j token buckets). Each limited agent has two buckets with the same
 * limit: one for new tasks (a submit beyond it is refused) and one for attempts about to run (an
 * attempt beyond it waits for its turn). The buckets live in the application server's JCache
 * (Hazelcast), so all servers of a cluster share them: the limit holds for the agent, not per
 * server. A remote agent without a limit of its own gets the configured default; an agent of this
 * server is unlimited unless its settings set one.
 */
@ApplicationScoped
public class RateLimits {

    static final String CACHE = "agentry-rate-limits";

    @Inject
    @ConfigProperty(name = "agentry.rate-limit.rate-per-minute")
    int defaultRatePerMinute;

    @Inject
    @ConfigProperty(name = "agentry.rate-limit.burst")
    int defaultBurst;

    @Inject
    CacheManager caches;

    private ProxyManager<String> grid;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        grid = TokenBucket.sharedGrid(caches, CACHE, new MutableConfiguration<>());
    }

    /** The agent's limit, if it has one. */
    public Optional<TokenBucket> of(Agent agent) {
        AgentSettings.RateLimit own = AgentSettings.of(agent).rateLimit();
        if (own != null) {
            return Optional.of(new TokenBucket(own.ratePerMinute(), own.burst()));
        }
        return agent.kind() == AgentKind.HTTP
                ? Optional.of(new TokenBucket(defaultRatePerMinute, defaultBurst))
                : Optional.empty();
    }

    /** Takes a token for a new task: empty when the agent may take it, or how long until it may. */
    public Optional<Duration> admit(Agent agent) {
        return of(agent).flatMap(limit -> TokenBucket.tryTake(bucket(agent, "submit", limit)));
    }

    /** Takes the agent's next dispatch token for an attempt: how long the attempt must wait for it (zero: none). */
    public Duration reserve(Agent agent) {
        return of(agent).map(limit -> TokenBucket.reserve(bucket(agent, "dispatch", limit))).orElse(Duration.ZERO);
    }

    private Bucket bucket(Agent agent, String use, TokenBucket limit) {
        return buckets.computeIfAbsent(limit.key(agent.name(), use),
                key -> grid.builder().build(key, limit::configuration));
    }
}
