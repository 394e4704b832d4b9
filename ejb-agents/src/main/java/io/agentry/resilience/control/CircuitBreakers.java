package io.agentry.resilience.control;

import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The circuit breakers of this server instance (Resilience4j), one per agent and one per remote
 * endpoint: closed, then open after {@code failure_threshold} failed calls of the last as many, then
 * half-open after {@code delay_ms} (one trial call), then closed again when the trial succeeds.
 * Breakers are created on first use and re-created when the agent's settings change. They live in
 * this instance: each server judges the agents by the calls it makes itself.
 */
@ApplicationScoped
public class CircuitBreakers {

    @Inject
    @ConfigProperty(name = "agentry.circuit-breaker.failure-threshold")
    int defaultThreshold;

    @Inject
    @ConfigProperty(name = "agentry.circuit-breaker.failure-rate")
    float failureRate;

    @Inject
    @ConfigProperty(name = "agentry.circuit-breaker.delay-ms")
    long defaultDelayMs;

    @Inject
    BreakerEvents events;

    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** A breaker's effective settings: a change re-creates it. */
    private record Settings(int threshold, long delayMs, boolean enabled) {
    }

    /** A breaker with the settings it was made with. */
    private record Made(Settings settings, CircuitBreaker breaker) {
    }

    /** The breaker of a whole agent. */
    public CircuitBreaker ofAgent(Agent agent) {
        AgentSettings settings = AgentSettings.of(agent);
        // An agent of this server fails mostly on its tasks (bad input, a failure it was told to
        // make); it gets a breaker only when its settings ask for one.
        boolean enabled = agent.kind() == AgentKind.HTTP || settings.circuitBreaker() != null;
        return breaker(agent.name(), agent.name(), null, settings, enabled);
    }

    /** The breaker of one endpoint of a remote agent. */
    public CircuitBreaker ofEndpoint(Agent agent, URI endpoint) {
        return breaker(agent.name() + " " + endpoint, agent.name(), endpoint, AgentSettings.of(agent), true);
    }

    /** How much longer the agent's breaker stays open; empty when calls may go through (closed or due for a trial). */
    public Optional<Duration> openFor(Agent agent) {
        return remaining(ofAgent(agent));
    }

    /** How much longer a breaker stays open; empty when it is closed, half-open or due for its trial. */
    public Optional<Duration> remaining(CircuitBreaker breaker) {
        if (breaker.getState() != State.OPEN && breaker.getState() != State.FORCED_OPEN) {
            return Optional.empty();
        }
        Made own = made.get(breaker.getName());
        Instant since = openedAt.get(breaker.getName());
        if (own == null || since == null) {
            return Optional.empty();
        }
        Duration left = Duration.ofMillis(own.settings().delayMs()).minus(Duration.between(since, clock.instant()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Closes the agent's breaker and those of its endpoints, as an operator's reset. */
    public void reset(Agent agent) {
        resetUnlessDisabled(ofAgent(agent));
        agent.endpoints().forEach(endpoint -> resetUnlessDisabled(ofEndpoint(agent, endpoint.url())));
    }

    private static void resetUnlessDisabled(CircuitBreaker breaker) {
        if (breaker.getState() != State.DISABLED) {
            breaker.reset();
        }
    }

    /** Forgets an agent that is gone, with its endpoints' breakers. */
    public void forget(String agent) {
        made.keySet().removeIf(name -> name.equals(agent) || name.startsWith(agent + " "));
        openedAt.keySet().removeIf(name -> name.equals(agent) || name.startsWith(agent + " "));
    }

    /** The API name of a breaker's state: closed, open, half_open or disabled (the agent has none). */
    public static String stateName(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half_open";
            case DISABLED -> "disabled";
            default -> "closed";
        };
    }

    private CircuitBreaker breaker(String key, String agent, URI endpoint, AgentSettings agentSettings,
            boolean enabled) {
        AgentSettings.CircuitBreaker own = agentSettings.circuitBreaker();
        Settings wanted = new Settings(
                own == null || own.failureThreshold() == null ? defaultThreshold : own.failureThreshold(),
                own == null || own.delayMs() == null ? defaultDelayMs : own.delayMs(),
                enabled);
        Made current = made.get(key);
        if (current != null && current.settings().equals(wanted)) {
            return current.breaker();
        }
        return made.compute(key, (name, existing) -> {
            if (existing != null && existing.settings().equals(wanted)) {
                return existing;
            }
            CircuitBreaker created = CircuitBreaker.of(name, config(wanted));
            created.getEventPublisher().onStateTransition(event -> changed(event, agent, endpoint));
            if (!wanted.enabled()) {
                created.transitionToDisabledState();
            }
            openedAt.remove(name);
            return new Made(wanted, created);
        }).breaker();
    }

    private CircuitBreakerConfig config(Settings wanted) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(wanted.threshold())
                .minimumNumberOfCalls(wanted.threshold())
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(Duration.ofMillis(wanted.delayMs()))
                .permittedNumberOfCallsInHalfOpenState(1)
                // A trial whose outcome never comes (its worker died) must not hold the breaker half-open for ever.
                .maxWaitDurationInHalfOpenState(Duration.ofMillis(Math.max(wanted.delayMs(), 60_000)))
                .recordExceptions(Throwable.class)
                .build();
    }

    private void changed(CircuitBreakerOnStateTransitionEvent event, String agent, URI endpoint) {
        State to = event.getStateTransition().getToState();
        Instant now = clock.instant();
        if (to == State.OPEN) {
            openedAt.put(event.getCircuitBreakerName(), now);
            events.opened(agent, endpoint, now);
        } else if (to == State.CLOSED) {
            openedAt.remove(event.getCircuitBreakerName());
            events.closed(agent, endpoint, now);
        }
    }

    /** Records a call's outcome on a breaker whose permission the caller holds. */
    public static void record(CircuitBreaker breaker, Duration took, boolean failed) {
        if (failed) {
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new CallFailed());
        } else {
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** What a failed call is recorded as; the failure itself is the task's business. */
    private static final class CallFailed extends Exception {
        CallFailed() {
            super(null, null, false, false);
        }
    }
}
