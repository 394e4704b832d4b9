package io.agentry.tasks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How a task is retried: how many times, and how long to wait before each retry. The backoff is
 * exponential ({@code backoff_ms * multiplier^(n-1)} before retry n), capped at
 * {@code max_backoff_ms}; with jitter it is "equal jitter": half the delay is kept and the other
 * half drawn at random, so retries spread out but never come sooner than half the schedule.
 */
@Embeddable
public class RetryPolicy {

    @Column(name = "max_retries", nullable = false)
    private int maxRetries;

    @Column(name = "backoff_ms", nullable = false)
    private long backoffMs;

    @Column(name = "backoff_multiplier", nullable = false)
    private double multiplier;

    @Column(name = "max_backoff_ms", nullable = false)
    private long maxBackoffMs;

    @Column(name = "jitter", nullable = false)
    private boolean jitter;

    protected RetryPolicy() {
    }

    public RetryPolicy(int maxRetries, long backoffMs, double multiplier, long maxBackoffMs, boolean jitter) {
        if (maxRetries < 0 || backoffMs < 0 || maxBackoffMs < 0 || multiplier < 1.0 || Double.isNaN(multiplier)
                || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("A retry policy needs max_retries >= 0, backoff_ms >= 0, "
                    + "max_backoff_ms >= 0 and a finite multiplier >= 1");
        }
        this.maxRetries = maxRetries;
        this.backoffMs = backoffMs;
        this.multiplier = multiplier;
        this.maxBackoffMs = maxBackoffMs;
        this.jitter = jitter;
    }

    /** Whether a task that has been retried {@code retriesSoFar} times may be retried again. */
    public boolean allowsRetryAfter(int retriesSoFar) {
        return retriesSoFar < maxRetries;
    }

    /** The delay before the given retry without jitter: the ceiling jitter draws below. */
    public Duration scheduledDelay(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("Retries are numbered from 1");
        }
        double delay = backoffMs * Math.pow(multiplier, retryNumber - 1);
        return Duration.ofMillis((long) Math.min(delay, (double) maxBackoffMs));
    }

    /**
     * The delay before the given retry (1 for the first), drawing jitter from {@code random}, which
     * yields values in [0, 1).
     */
    public Duration delayBefore(int retryNumber, DoubleSupplier random) {
        long ceiling = scheduledDelay(retryNumber).toMillis();
        if (!jitter) {
            return Duration.ofMillis(ceiling);
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long backoffMs() {
        return backoffMs;
    }

    public double multiplier() {
        return multiplier;
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    public boolean jitter() {
        return jitter;
    }
}
