package io.agentry.agents.control;

import java.time.Instant;
import java.util.List;

/**
 * How an agent is doing: {@code state} active, paused or retired; healthy; its breaker; tasks in
 * flight, processed (completed) and failed (failed or dead); the average time of its completed
 * tasks in seconds; its endpoints when it is remote.
 */
public record AgentStatus(
        String name,
        String type,
        String state,
        boolean healthy,
        String circuitBreaker,
        long inFlight,
        long processed,
        long failed,
        Double averageTime,
        Instant lastHealthCheck,
        List<EndpointStatus> endpoints) {

    /** One endpoint of a remote agent. */
    public record EndpointStatus(String url, int weight, boolean healthy, Instant lastHealthCheck,
            String lastHealthError, String circuitBreaker, int inFlight) {
    }
}
