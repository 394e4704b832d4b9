package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits of an agent (token buckets) on the embedded defaults: submits beyond the limit are
 * refused with 429 and Retry-After; attempts that reach the agent beyond it wait their turn and all
 * run. Each test sets echo's limit first; a limit of its own is a bucket of its own.
 */
class RateLimitIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("h2-rate-limits", Map.of()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static Api api() {
        return server.api();
    }

    private static void limitEcho(Map<String, Object> settings) {
        Api.Reply reply = api().put("agents/echo", settings);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static Map<String, Object> rateLimit(int ratePerMinute, int burst) {
        return Map.of("rate_limit", Map.of("rate_per_minute", ratePerMinute, "burst", burst));
    }

    private static Map<String, Object> echo(int n) {
        return Map.of("agent", "echo", "payload", Map.of("n", n));
    }

    /** Tokens a bucket regains in {@code elapsed}: the most it may admit beyond its burst meanwhile. */
    private static long refilled(Duration elapsed, int ratePerMinute) {
        return elapsed.toMillis() * ratePerMinute / 60_000;
    }

    private static void assertRateLimited(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).isEqualTo("Rate limit exceeded for agent 'echo'");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
    }

    @Test
    void ofTwentyImmediateSubmitsAtSixtyAMinuteWithBurstFiveFiveAreAcceptedAndTheRestRefused() throws Exception {
        limitEcho(rateLimit(60, 5));
        List<Api.Reply> replies = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        Instant began;
        Duration elapsed;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                sent.add(clients.submit(() -> {
                    go.await();
                    return api().post("tasks", echo(n));
                }));
            }
            began = Instant.now();
            go.countDown();
            for (Future<Api.Reply> reply : sent) {
                replies.add(reply.get());
            }
            elapsed = Duration.between(began, Instant.now());
        } finally {
            clients.shutdownNow();
        }

        List<Api.Reply> accepted = replies.stream().filter(r -> r.status() == 202).toList();
        List<Api.Reply> refused = replies.stream().filter(r -> r.status() != 202).toList();
        // Exactly 5 when the 20 are answered within a second; a slower run may earn one token a second.
        assertThat(accepted).as("accepted in %s", elapsed).hasSizeBetween(5, 5 + (int) refilled(elapsed, 60));
        refused.forEach(reply -> {
            assertRateLimited(reply);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        });
        for (Api.Reply reply : accepted) {
            String id = reply.json().get("task_id").asText();
            await("task " + id).atMost(PATIENCE).until(() -> api().status(id).equals("completed"));
        }
    }

    @Test
    void aBatchChargesEachItemOnceAndRefusesTheItemsOverTheLimitWith429() {
        limitEcho(rateLimit(60, 3));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(echo(i));
        }

        Instant began = Instant.now();
        Api.Reply reply = api().submitBatch(items);
        Duration elapsed = Duration.between(began, Instant.now());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        int accepted = body.get("accepted").asInt();
        assertThat(accepted).as("accepted in %s", elapsed).isBetween(3, 3 + (int) refilled(elapsed, 60));
        assertThat(body.get("rejected").asInt()).isEqualTo(10 - accepted);
        for (JsonNode item : body.get("results")) {
            if (item.get("status").asInt() != 202) {
                assertThat(item.get("status").asInt()).isEqualTo(429);
                assertThat(item.get("problem").get("detail").asText())
                        .isEqualTo("Rate limit exceeded for agent 'echo'");
            }
        }
    }

    @Test
    void attemptsOverTheLimitAtDispatchWaitTheirTurnAndAllRun() {
        limitEcho(rateLimit(60, 5));
        // Plan steps are not submits: all ten reach echo at once, and its dispatch bucket paces them.
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            steps.add(Map.of("id", "s" + i, "agent", "echo", "input", Map.of("n", i)));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", "paced");
        plan.put("execution_mode", "parallel");
        plan.put("steps", steps);
        Api.Reply started = api().post("sessions", plan);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("session_id").asText();

        await("session " + id).atMost(PATIENCE)
                .until(() -> !api().get("sessions/" + id).json().get("status").asText().equals("running"));

        JsonNode session = api().get("sessions/" + id).json();
        assertThat(session.get("status").asText()).isEqualTo("completed");
        List<Instant> starts = new ArrayList<>();
        for (JsonNode step : session.get("steps")) {
            assertThat(step.get("status").asText()).as(step.toString()).isEqualTo("completed");
            assertThat(step.get("retry_count").asInt()).as(step.toString()).isZero();
            starts.add(Instant.parse(step.get("started_at").asText()));
            JsonNode events = api().events(step.get("task_id").asText());
            long startedEvents = 0;
            for (JsonNode event : events) {
                if (event.get("event_type").asText().equals("task_started")) {
                    startedEvents++;
                }
            }
            assertThat(startedEvents).as("task_started events of %s", step.get("id")).isEqualTo(1);
        }
        starts.sort(null);
        // Five at once at most, then one a second: the tenth cannot start before the fifth refill.
        assertThat(Duration.between(starts.get(0), starts.get(9))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(api().get("dead-letters").json().get("count").asInt()).isZero();
    }

    @Test
    void aChangedLimitTakesEffectAtOnce() {
        limitEcho(rateLimit(1, 2));
        assertThat(api().post("tasks", echo(1)).status()).isEqualTo(202);
        assertThat(api().post("tasks", echo(2)).status()).isEqualTo(202);
        Api.Reply third = api().post("tasks", echo(3));
        assertRateLimited(third);
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);

        limitEcho(Map.of());
        for (int i = 0; i < 10; i++) {
            assertThat(api().post("tasks", echo(i)).status()).isEqualTo(202);
        }

        limitEcho(rateLimit(1, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("tasks", echo(i)).status()).isEqualTo(202);
        }
        assertRateLimited(api().post("tasks", echo(4)));
    }
}
