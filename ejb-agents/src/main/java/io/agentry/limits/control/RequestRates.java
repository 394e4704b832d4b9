package io.agentry.limits.control;

import io.agentry.resilience.control.TokenBucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The per-caller request rate of the API ({@code agentry.api.rate-limit.*}): a token bucket per
 * caller, as the agents' rate limits are, in the application server's JCache, so the servers of a
 * cluster share it. A bucket nobody used for longer than it takes to fill up again is dropped from
 * the cache; it would be full anyway. A rate of 0 switches the limit off.
 */
@ApplicationScoped
public class RequestRates {

    static final String CACHE = "agentry-request-rates";

    @Inject
    @ConfigProperty(name = "agentry.api.rate-limit.per-minute")
    int perMinute;

    @Inject
    @ConfigProperty(name = "agentry.api.rate-limit.burst")
    int burst;

    @Inject
    CacheManager caches;

    private TokenBucket limit;
    private ProxyManager<String> grid;

    @PostConstruct
    void connect() {
        if (perMinute <= 0) {
            return;
        }
        limit = new TokenBucket(perMinute, Math.max(1, burst));
        grid = TokenBucket.sharedGrid(caches, CACHE, new MutableConfiguration<String, byte[]>()
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(
                        java.util.concurrent.TimeUnit.SECONDS, refillTime(limit).toSeconds()))));
    }

    /** Takes a token for one request of this caller: empty when it may go on, or how long until it may. */
    public Optional<Duration> admit(String caller) {
        if (limit == null) {
            return Optional.empty();
        }
        return TokenBucket.tryTake(grid.builder().build(limit.key(caller, "requests"), limit::configuration));
    }

    /** How long an empty bucket takes to fill up, rounded up to a whole minute and at least ten. */
    static Duration refillTime(TokenBucket limit) {
        long minutes = (limit.burst() + limit.ratePerMinute() - 1L) / limit.ratePerMinute() + 1;
        return Duration.ofMinutes(Math.max(10, minutes));
    }
}
