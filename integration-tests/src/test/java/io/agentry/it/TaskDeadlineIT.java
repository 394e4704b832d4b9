package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timeouts on a real server: every attempt is bounded, a task's {@code timeout} bounds all its
 * attempts and the time it waits, and the watchdog gives up attempts whose worker died with its
 * message. One echo consumer, attempts limited to 5 s, the watchdog looking every 200 ms.
 */
class TaskDeadlineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("deadlines", AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "1",
                "AGENTRY_TASKS_ATTEMPT_TIMEOUT_MS", "5000",
                "AGENTRY_WATCHDOG_INTERVAL_MS", "200")).start();
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

    private static Map<String, Object> echo(Object payload, Object... more) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        for (int i = 0; i < more.length; i += 2) {
            task.put((String) more[i], more[i + 1]);
        }
        return task;
    }


    private static List<String> eventTypes(Api api, String id) {
        List<String> types = new ArrayList<>();
        api.events(id).forEach(e -> types.add(e.get("event_type").asText()));
        return types;
    }

    private static long count(List<String> events, String type) {
        return events.stream().filter(type::equals).count();
    }

    @Test
    void aTaskStillRunningAtItsTimeoutEndsTimedOut() {
        String id = api().submit(echo(Map.of("delay_ms", 60_000), "timeout", 2));

        api().awaitStatus(id, "timed_out", Duration.ofSeconds(20));

        JsonNode task = api().task(id);
        assertThat(Instant.parse(task.get("deadline").asText()))
                .isEqualTo(Instant.parse(task.get("created_at").asText()).plusSeconds(2));
        assertThat(Duration.between(Instant.parse(task.get("created_at").asText()),
                Instant.parse(task.get("completed_at").asText()))).isLessThan(Duration.ofSeconds(10));
        assertThat(task.get("error").asText()).contains("timeout of 2 s");
        assertThat(task.get("retry_count").asInt()).isZero();
        List<String> events = eventTypes(api(), id);
        assertThat(events).endsWith("task_timed_out").doesNotContain("task_retry_scheduled");
        assertThat(count(events, "task_timed_out")).isEqualTo(1);
    }

    @Test
    void aRetryThatWouldStartAfterTheDeadlineIsNotScheduled() {
        String id = api().submit(echo(Map.of("fail_first", 1), "timeout", 30,
                "retry_policy", Map.of("max_retries", 3, "backoff_ms", 120_000, "jitter", false)));

        api().awaitStatus(id, "timed_out", Duration.ofSeconds(25));

        assertThat(api().task(id).get("error").asText()).contains("would start after the task's deadline");
        List<String> events = eventTypes(api(), id);
        assertThat(count(events, "task_started")).isEqualTo(1);
        assertThat(events).endsWith("task_timed_out").doesNotContain("task_retry_scheduled");
    }

    @Test
    void aTaskStillQueuedAtItsDeadlineTimesOutAndItsMessageNeverRunsIt() {
        String blocker = api().submit(echo(Map.of("delay_ms", 4000)));
        api().awaitStatus(blocker, "in_progress", PATIENCE);

        String late = api().submit(echo(Map.of("x", 1), "timeout", 1));

        api().awaitStatus(late, "timed_out", Duration.ofSeconds(10));
        assertThat(api().status(blocker)).as("timed out while it waited behind the blocker").isEqualTo("in_progress");
        api().awaitStatus(blocker, "completed", PATIENCE);
        String after = api().submit(echo(Map.of("y", 2)));
        api().awaitStatus(after, "completed", PATIENCE);
        assertThat(api().status(late)).isEqualTo("timed_out");
        assertThat(eventTypes(api(), late)).containsExactly("task_created", "task_queued", "task_timed_out");
        assertThat(api().events(late).get(2).get("data").get("was").asText()).isEqualTo("queued");
    }

    @Test
    void aParentWaitingForItsSubtasksTimesOutAndTheirLateEndDoesNotResumeIt() {
        String parent = api().submit(echo(Map.of("spawn", List.of(Map.of("agent", "echo",
                "payload", Map.of("delay_ms", 3000)))), "timeout", 1));

        api().awaitStatus(parent, "timed_out", Duration.ofSeconds(15));

        String child = api().get("tasks?limit=500").json().get("tasks").findParents("parent_task_id").stream()
                .filter(t -> parent.equals(t.get("parent_task_id").asText()))
                .map(t -> t.get("task_id").asText()).findFirst().orElseThrow();
        api().awaitStatus(child, "completed", PATIENCE);
        String after = api().submit(echo(Map.of()));
        api().awaitStatus(after, "completed", PATIENCE);
        assertThat(api().status(parent)).isEqualTo("timed_out");
        assertThat(eventTypes(api(), parent)).endsWith("task_waiting", "task_timed_out").doesNotContain("task_resumed");
    }

    @Test
    void everyAttemptIsBoundedByTheConfiguredLimit() {
        String id = api().submit(echo(Map.of("delay_ms", 60_000), "retry_policy", Map.of("max_retries", 0)));

        api().awaitStatus(id, "dead", Duration.ofSeconds(30));

        assertThat(api().task(id).get("error").asText()).contains("within 5000 ms");
    }

    @Test
    void aTaskThatEndsInTimeIsNotTouched() {
        String id = api().submit(echo(Map.of("x", 1), "timeout", 30));

        api().awaitStatus(id, "completed", PATIENCE);

        assertThat(eventTypes(api(), id)).containsExactly("task_created", "task_queued", "task_started",
                "task_completed");
        assertThat(api().task(id).get("deadline").isNull()).isFalse();
    }

    /**
     * Server A dies (SIGKILL) while it runs an attempt; the attempt's message dies with A's embedded
     * broker. Two servers on the same database, each with a broker of its own, watch: one of them
     * gives the attempt up once and queues the next, which completes.
     */
    @Test
    void anAttemptWhoseWorkerDiedWithItsMessageIsRequeuedOnceByOneOfSeveralWatchdogs() {
        Map<String, String> env = AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "1",
                "AGENTRY_TASKS_ATTEMPT_TIMEOUT_MS", "10000",
                "AGENTRY_WATCHDOG_GRACE_MS", "1000",
                "AGENTRY_WATCHDOG_INTERVAL_MS", "200");
        try (PostgresServer postgres = PostgresServer.start("deadlines-a", env)) {
            AgentryProcess a = postgres.server();
            String id = a.api().submit(echo(Map.of("delay_ms", 4_000),
                    "retry_policy", Map.of("max_retries", 2, "backoff_ms", 100, "jitter", false)));
            a.api().awaitStatus(id, "in_progress", PATIENCE);

            a.kill();
            AgentryProcess b = postgres.another("deadlines-b", env);
            AgentryProcess c = postgres.another("deadlines-c", env);
            CompletableFuture.allOf(CompletableFuture.runAsync(b::start), CompletableFuture.runAsync(c::start)).join();

            b.api().awaitStatus(id, "completed", Duration.ofSeconds(120));
            JsonNode task = b.api().task(id);
            assertThat(task.get("retry_count").asInt()).isEqualTo(1);
            List<JsonNode> retries = new ArrayList<>();
            b.api().events(id).forEach(e -> {
                if (e.get("event_type").asText().equals("task_retry_scheduled")) {
                    retries.add(e);
                }
            });
            assertThat(retries).as("re-queued once").hasSize(1);
            assertThat(retries.get(0).get("data").get("lost").asBoolean()).isTrue();
            assertThat(retries.get(0).get("data").get("next_attempt").asInt()).isEqualTo(2);
            List<String> events = eventTypes(b.api(), id);
            assertThat(count(events, "task_started")).isEqualTo(2);
            assertThat(events).endsWith("task_completed").doesNotContain("task_timed_out", "task_dead_lettered");
        }
    }
}
