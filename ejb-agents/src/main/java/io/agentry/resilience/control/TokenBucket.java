package io.agentry.resilience.control;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import java.time.Duration;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * An agent's rate limit as a token bucket: it holds at most {@code burst} tokens and gains them back
 * evenly at {@code ratePerMinute} (one every 60/rate seconds, not all at once a minute later). In
 * any stretch of time {@code t} it grants at most {@code burst + ratePerMinute * t / 1 min} tokens.
 */
public record TokenBucket(int ratePerMinute, int burst) {

    public TokenBucket {
        if (ratePerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs a rate and a burst of at least 1");
        }
    }

    public Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(burst).refillGreedy(ratePerMinute, Duration.ofMinutes(1)).build();
    }

    public BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /**
     * Names the agent's bucket for one use ({@code submit}, {@code dispatch}). The limit is part of the
     * name, so a changed limit starts a bucket of its own, full, and every server of a cluster switches
     * to it as soon as it reads the agent's new settings.
     */
    public String key(String agent, String use) {
        return agent + " " + use + " " + ratePerMinute + "/" + burst;
    }

    /** Takes a token if there is one; otherwise says how long until there will be. */
    public static Optional<Duration> tryTake(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes the next token that nobody holds yet, even one the bucket has not regained: the bucket goes
     * into debt and the caller waits the returned time (zero when a token was there) before using it.
     * Callers thus line up one refill apart, in the order they asked.
     */
    public static Duration reserve(Bucket bucket) {
        return Duration.ofNanos(bucket.consumeIgnoringRateLimits(1));
    }

    /**
     * The buckets kept in the application server's JCache cache {@code name} (Hazelcast), shared by
     * all servers of a cluster; the first server to need the cache creates it, the others find it.
     */
    public static ProxyManager<String> sharedGrid(CacheManager caches, String name,
            MutableConfiguration<String, byte[]> configuration) {
        Cache<String, byte[]> cache = caches.getCache(name);
        if (cache == null) {
            try {
                cache = caches.createCache(name, configuration);
            } catch (CacheException createdMeanwhile) {
                cache = caches.getCache(name);
            }
        }
        return Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
    }
}
