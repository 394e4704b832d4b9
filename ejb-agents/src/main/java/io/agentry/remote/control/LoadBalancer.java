package io.agentry.remote.control;

import io.agentry.agents.control.LoadBalancing;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentEndpoint;
import io.agentry.resilience.control.CircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses the endpoint of a remote agent that gets a call. Only endpoints that passed their last
 * health check and whose breaker lets a call through are in the rotation. Round robin takes them in
 * turn; weighted is {@link SmoothWeights}; least connections takes the one with the fewest calls in flight from this server.
 */
@ApplicationScoped
public class LoadBalancer {

    @Inject
    CircuitBreakers breakers;

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<String, SmoothWeights<URI>> smoothWeights = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** One call's hold on an endpoint: its breaker's permission and a place among its calls in flight. */
    public final class Lease {
        private final URI url;
        private final CircuitBreaker breaker;
        private final AtomicInteger calls;
        private final long startedNanos = System.nanoTime();

        private Lease(URI url, CircuitBreaker breaker, AtomicInteger calls) {
            this.url = url;
            this.breaker = breaker;
            this.calls = calls;
            calls.incrementAndGet();
        }

        public URI url() {
            return url;
        }

        /** The call ended; {@code failed} when the endpoint did not answer properly (5xx, timeout, no connection). */
        public void end(boolean failed) {
            calls.decrementAndGet();
            CircuitBreakers.record(breaker, Duration.ofNanos(System.nanoTime() - startedNanos), failed);
        }
    }

    /** The endpoint for the next call, or empty when none is in the rotation now. */
    public Optional<Lease> choose(Agent agent, LoadBalancing strategy) {
        List<AgentEndpoint> candidates = new ArrayList<>();
        for (AgentEndpoint endpoint : agent.endpoints()) {
            if (endpoint.isHealthy() && breakers.remaining(breakers.ofEndpoint(agent, endpoint.url())).isEmpty()) {
                candidates.add(endpoint);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // One choice at a time per agent: a choice counts the calls in flight, so it must see the last one's.
        synchronized (locks.computeIfAbsent(agent.name(), a -> new Object())) {
            for (AgentEndpoint endpoint : order(agent.name(), candidates, strategy)) {
                CircuitBreaker breaker = breakers.ofEndpoint(agent, endpoint.url());
                if (breaker.tryAcquirePermission()) {
                    return Optional.of(new Lease(endpoint.url(), breaker, callsTo(agent.name(), endpoint.url())));
                }
            }
            return Optional.empty();
        }
    }

    /** Calls in flight from this server to one endpoint. */
    public int inFlight(String agent, URI url) {
        return callsTo(agent, url).get();
    }

    private AtomicInteger callsTo(String agent, URI url) {
        return inFlight.computeIfAbsent(agent + " " + url, key -> new AtomicInteger());
    }

    /** The candidates in the order to try them: the strategy's choice first. */
    private List<AgentEndpoint> order(String agent, List<AgentEndpoint> candidates, LoadBalancing strategy) {
        List<AgentEndpoint> rotated = rotated(candidates, turns.computeIfAbsent(agent, a -> new AtomicLong()));
        return switch (strategy) {
            case ROUND_ROBIN -> rotated;
            case LEAST_CONNECTIONS -> {
                List<AgentEndpoint> byLoad = new ArrayList<>(rotated);
                byLoad.sort(Comparator.comparingInt(e -> inFlight(agent, e.url())));
                yield byLoad;
            }
            case WEIGHTED -> weighted(agent, candidates);
        };
    }

    private static List<AgentEndpoint> rotated(List<AgentEndpoint> candidates, AtomicLong turn) {
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) candidates.size());
        List<AgentEndpoint> rotated = new ArrayList<>(candidates.subList(start, candidates.size()));
        rotated.addAll(candidates.subList(0, start));
        return rotated;
    }

    private List<AgentEndpoint> weighted(String agent, List<AgentEndpoint> candidates) {
        LinkedHashMap<URI, Integer> weights = new LinkedHashMap<>();
        Map<URI, AgentEndpoint> byUrl = new LinkedHashMap<>();
        candidates.forEach(endpoint -> {
            weights.put(endpoint.url(), endpoint.weight());
            byUrl.put(endpoint.url(), endpoint);
        });
        return smoothWeights.computeIfAbsent(agent, a -> new SmoothWeights<>()).next(weights).stream()
                .map(byUrl::get).toList();
    }
}
