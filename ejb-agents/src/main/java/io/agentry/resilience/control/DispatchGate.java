package io.agentry.resilience.control;

import io.agentry.agents.entity.Agent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every task attempt passes before its agent gets it, and reports to after: an agent whose
 * breaker is open gets no attempts; they wait (re-sent with a delay) and are not counted.
 */
@ApplicationScoped
public class DispatchGate {

    @Inject
    CircuitBreakers breakers;

    /** How long an attempt waits while another one is the half-open breaker's trial. */
    @Inject
    @ConfigProperty(name = "agentry.circuit-breaker.trial-wait-ms")
    long trialWaitMs;

    /** Refuses a new task for an agent whose breaker is open, saying when to try again. */
    public void admitSubmission(Agent agent) {
        breakers.openFor(agent).ifPresent(left -> {
            throw new AgentUnavailableException(agent.name(), Math.max(1, (left.toMillis() + 999) / 1000));
        });
    }

    /**
     * Empty when the agent may take an attempt now (the caller then owes an {@link #outcome}), or how
     * long the attempt must wait. Waits are spread a little so that a burst of deferred attempts does
     * not return all at once.
     */
    public Optional<Duration> holdBack(Agent agent) {
        CircuitBreaker breaker = breakers.ofAgent(agent);
        if (breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        Duration wait = breakers.remaining(breaker).orElse(Duration.ofMillis(trialWaitMs));
        return Optional.of(wait.plusMillis(ThreadLocalRandom.current().nextLong(trialWaitMs + 1)));
    }

    /**
     * The attempt the gate let through ended: {@code failed} when the agent could not do it (a retryable
     * failure). Returns how long the agent's next attempts must wait when this outcome left its
     * breaker open, so the failed attempt waits too rather than burning one of its retries.
     */
    public Optional<Duration> outcome(Agent agent, boolean failed) {
        CircuitBreaker breaker = breakers.ofAgent(agent);
        CircuitBreakers.record(breaker, Duration.ZERO, failed);
        return failed ? breakers.remaining(breaker) : Optional.empty();
    }
}
