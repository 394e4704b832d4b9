package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered servers (Payara Micro's Hazelcast finds the other on this host) share an agent's
 * token bucket: the limit holds for the agent, whichever server takes the submits. Each server has
 * its own database here, so the limit is set on both.
 */
class ClusterRateLimitIT {

    private static AgentryProcess first;
    private static AgentryProcess second;

    @BeforeAll
    static void start() {
        // One after the other, so the second joins the first's cluster while it boots.
        first = AgentryProcess.embedded("h2-cluster-1", Map.of("AGENTRY_CLUSTER", "true")).start();
        second = AgentryProcess.embedded("h2-cluster-2", Map.of("AGENTRY_CLUSTER", "true")).start();
    }

    @AfterAll
    static void stop() {
        for (AgentryProcess server : new AgentryProcess[] {second, first}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void serversShareAnAgentsBucket() {
        Map<String, Object> limit = Map.of("rate_limit", Map.of("rate_per_minute", 6, "burst", 4));
        for (AgentryProcess server : new AgentryProcess[] {first, second}) {
            Api.Reply reply = server.api().put("agents/echo", limit);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
        Map<String, Object> task = Map.of("agent", "echo", "payload", Map.of());

        Instant began = Instant.now();
        int accepted = 0;
        for (int i = 0; i < 5; i++) {
            for (AgentryProcess server : new AgentryProcess[] {first, second}) {
                Api.Reply reply = server.api().post("tasks", task);
                assertThat(reply.status()).as(reply.body()).isIn(202, 429);
                accepted += reply.status() == 202 ? 1 : 0;
            }
        }
        Duration elapsed = Duration.between(began, Instant.now());

        // Four in all, not four each (a token comes back every ten seconds).
        assertThat(accepted).as("accepted in %s", elapsed).isBetween(4, 4 + (int) (elapsed.toSeconds() / 10));
    }
}
