package io.agentry.remote.boundary;

import io.agentry.remote.control.EndpointHealth;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Checks remote agents' endpoints every {@code agentry.remote-agents.health-check-interval-seconds}. */
@Singleton
@Startup
public class HealthCheckTimer {

    @Resource
    TimerService timers;

    @Inject
    EndpointHealth health;

    @Inject
    @ConfigProperty(name = "agentry.remote-agents.health-check-interval-seconds")
    int intervalSeconds;

    @PostConstruct
    void schedule() {
        long interval = intervalSeconds * 1000L;
        // Not persistent: every instance checks for itself, and a restart starts afresh.
        timers.createIntervalTimer(interval, interval, new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void check() {
        health.checkAll();
    }
}
