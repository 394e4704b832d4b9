package io.agentry.tasks.control;

import io.agentry.tasks.entity.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The retry policy a task gets when its request does not say otherwise
 * ({@code agentry.retry.*}; defaults 3 retries, 1 s, ×2, capped at 300 s, with jitter).
 */
@ApplicationScoped
public class RetryDefaults {

    @Inject
    @ConfigProperty(name = "agentry.retry.max-retries", defaultValue = "3")
    int maxRetries;

    @Inject
    @ConfigProperty(name = "agentry.retry.backoff-ms", defaultValue = "1000")
    long backoffMs;

    @Inject
    @ConfigProperty(name = "agentry.retry.multiplier", defaultValue = "2.0")
    double multiplier;

    @Inject
    @ConfigProperty(name = "agentry.retry.max-backoff-ms", defaultValue = "300000")
    long maxBackoffMs;

    @Inject
    @ConfigProperty(name = "agentry.retry.jitter", defaultValue = "true")
    boolean jitter;

    public RetryPolicy with(NewTask.RetryOverrides overrides) {
        NewTask.RetryOverrides o = overrides == null ? NewTask.RetryOverrides.NONE : overrides;
        return new RetryPolicy(
                o.maxRetries() != null ? o.maxRetries() : maxRetries,
                o.backoffMs() != null ? o.backoffMs() : backoffMs,
                o.multiplier() != null ? o.multiplier() : multiplier,
                o.maxBackoffMs() != null ? o.maxBackoffMs() : maxBackoffMs,
                o.jitter() != null ? o.jitter() : jitter);
    }
}
