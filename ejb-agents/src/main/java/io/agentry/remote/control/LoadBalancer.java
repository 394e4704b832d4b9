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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses the endpoint of a remote agent that gets a call. Only endpoints that passed their last
 * health check and whose breaker lets a call through are in the rotation. Round robin takes them in
 * turn; weighted is smooth weighted round robin (each endpoint's share equals its weight's share,
 * interleaved); least connections takes the one with the fewest calls in flight from this server.
 */
@ApplicationScoped
public class LoadBalancer {

    @Inject
    CircuitBreakers breakers;

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<String, Map<URI, Long>> smoothWeights = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

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
        for (AgentEndpoint endpoint : order(agent.name(), candidates, strategy)) {
            CircuitBreaker breaker = breakers.ofEndpoint(agent, endpoint.url());
            if (breaker.tryAcquirePermission()) {
                return Optional.of(new Lease(endpoint.url(), breaker, callsTo(agent.name(), endpoint.url())));
            }
        }
        return Optional.empty();
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

    /**
     * Smooth weighted round robin: every endpoint gains its weight, the one with the most goes
     * first and gives back the total. The others follow in the order of what they have.
     */
    private List<AgentEndpoint> weighted(String agent, List<AgentEndpoint> candidates) {
        Map<URI, Long> current = smoothWeights.computeIfAbsent(agent, a -> new HashMap<>());
        synchronized (current) {
            current.keySet().retainAll(candidates.stream().map(AgentEndpoint::url).toList());
            long total = 0;
            for (AgentEndpoint endpoint : candidates) {
                current.merge(endpoint.url(), (long) endpoint.weight(), Long::sum);
                total += endpoint.weight();
            }
            List<AgentEndpoint> ordered = new ArrayList<>(candidates);
            ordered.sort(Comparator.comparingLong((AgentEndpoint e) -> current.get(e.url())).reversed());
            current.merge(ordered.get(0).url(), -total, Long::sum);
            return ordered;
        }
    }
}
