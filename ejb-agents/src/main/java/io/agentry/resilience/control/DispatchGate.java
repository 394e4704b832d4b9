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
 * breaker is open gets no attempts, and an agent gets no more than its rate limit allows; held-back
 * attempts wait (re-sent with a delay) and are not counted. New tasks pass the same checks at
 * submit, where they are refused instead.
 */
@ApplicationScoped
public class DispatchGate {

    @Inject
    CircuitBreakers breakers;

    @Inject
    RateLimits rateLimits;

    /** How long an attempt waits while another one is the half-open breaker's trial. */
    @Inject
    @ConfigProperty(name = "agentry.circuit-breaker.trial-wait-ms")
    long trialWaitMs;

    /**
     * How long a held-back attempt waits, and whether it holds the agent's dispatch token for the end
     * of that wait: then it runs when it comes back without taking another one.
     */
    public record Wait(Duration delay, boolean tokenReserved) {
    }

    /**
     * Refuses a new task for an agent whose breaker is open or that is over its rate limit, saying
     * when to try again. The breaker is asked first, so a refused task costs no token.
     */
    public void admitSubmission(Agent agent) {
        breakers.openFor(agent).ifPresent(left -> {
            throw new AgentUnavailableException(agent.name(), Math.max(1, (left.toMillis() + 999) / 1000));
        });
        rateLimits.admit(agent).ifPresent(untilNextToken -> {
            throw new RateLimitExceededException(agent.name(), untilNextToken);
        });
    }

    /**
     * Empty when the agent may take an attempt now (the caller then owes an {@link #outcome}), or how
     * long the attempt must wait. An attempt that finds the breaker open waits, spread a little so that
     * a burst of deferred attempts does not return all at once, and passes the whole gate again. One
     * over the rate limit reserves the agent's next free dispatch token and waits exactly until it is
     * due; coming back with it ({@code tokenHeld}) it takes no other, so pacing costs one re-send per
     * attempt, not a poll.
     */
    public Optional<Wait> holdBack(Agent agent, boolean tokenHeld) {
        CircuitBreaker breaker = breakers.ofAgent(agent);
        if (!breaker.tryAcquirePermission()) {
            Duration wait = breakers.remaining(breaker).orElse(Duration.ofMillis(trialWaitMs));
            return Optional.of(new Wait(wait.plusMillis(ThreadLocalRandom.current().nextLong(trialWaitMs + 1)),
                    false));
        }
        if (tokenHeld) {
            return Optional.empty();
        }
        Duration due = rateLimits.reserve(agent);
        if (due.isZero()) {
            return Optional.empty();
        }
        // The attempt does not run now: a half-open breaker's trial permission goes to another one.
        breaker.releasePermission();
        return Optional.of(new Wait(due, true));
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
