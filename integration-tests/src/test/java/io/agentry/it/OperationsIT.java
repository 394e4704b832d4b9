package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators' tools on a real server: dead letters and retries keep the database and the dead
 * letter queue consistent, deletion and cleanup touch only finished work, a full queue pushes back.
 * One echo consumer, and a bound of 10 waiting tasks.
 */
class OperationsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("operations", AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "1",
                "AGENTRY_QUEUE_MAX_WAITING", "10",
                "AGENTRY_QUEUE_COUNT_INTERVAL_MS", "100")).start();
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


    /** Fails its first attempt and has no retries left: dead at once, then fine when retried. */
    private static String deadOnce() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", Map.of("fail_first", 1));
        task.put("retry_policy", Map.of("max_retries", 0));
        String id = api().submit(task);
        api().awaitStatus(id, "dead", PATIENCE);
        return id;
    }

    private static List<String> deadLetterIds() {
        return api().get("dead-letters?limit=1000").json().get("dead_letters").findValuesAsText("task_id");
    }

    @Test
    void aDeadTaskRetriedThroughTheApiLeavesTheDeadLetterQueueAndCompletes() {
        String id = deadOnce();
        JsonNode letter = null;
        for (JsonNode l : api().get("dead-letters").json().get("dead_letters")) {
            if (l.get("task_id").asText().equals(id)) {
                letter = l;
            }
        }
        assertThat(letter).as("dead letter of %s", id).isNotNull();
        assertThat(letter.get("reason").asText()).isEqualTo("retries_exhausted");
        assertThat(letter.get("agent").asText()).isEqualTo("echo");
        assertThat(letter.get("error").asText()).contains("attempt 1");

        Api.Reply retried = api().post("dead-letters/" + id + "/retry", "");

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        api().awaitStatus(id, "completed", PATIENCE);
        assertThat(api().task(id).get("retry_count").asInt()).isEqualTo(1);
        assertThat(deadLetterIds()).doesNotContain(id);
        assertThat(api().post("dead-letters/" + id + "/retry", "").status()).as("a completed task").isEqualTo(409);
    }

    @Test
    void retryAllRequeuesEveryDeadTaskExactlyOnce() {
        List<String> dead = new ArrayList<>(List.of(deadOnce(), deadOnce(), deadOnce()));

        Api.Reply reply = api().post("dead-letters/retry-all?agent=echo", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("retried").asInt()).isGreaterThanOrEqualTo(3);
        for (String id : dead) {
            api().awaitStatus(id, "completed", PATIENCE);
            assertThat(api().task(id).get("retry_count").asInt()).isEqualTo(1);
            long starts = 0;
            for (JsonNode event : api().events(id)) {
                starts += event.get("event_type").asText().equals("task_started") ? 1 : 0;
            }
            assertThat(starts).as("attempts of %s", id).isEqualTo(2);
        }
        assertThat(deadLetterIds()).doesNotContainAnyElementsOf(dead);
    }

    @Test
    void aFailedTaskCanBeRetriedAndAQueuedOneCannot() {
        String failed = api().submit(Map.of("agent", "echo", "payload", Map.of("fail", "permanent")));
        api().awaitStatus(failed, "failed", PATIENCE);

        assertThat(api().post("tasks/" + failed + "/retry", "").status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> api().task(failed).get("retry_count").asInt() == 1
                && api().status(failed).equals("failed"));
        String completed = api().submit(Map.of("agent", "echo", "payload", Map.of()));
        api().awaitStatus(completed, "completed", PATIENCE);
        assertThat(api().post("tasks/" + completed + "/retry", "").status()).isEqualTo(409);
        assertThat(api().post("tasks/00000000-0000-0000-0000-000000000009/retry", "").status()).isEqualTo(404);
    }

    @Test
    void onlyFinishedTasksAreDeletedAndADeadOneTakesItsDeadLetterWithIt() {
        String running = api().submit(Map.of("agent", "echo", "payload", Map.of("delay_ms", 1500)));
        api().awaitStatus(running, "in_progress", PATIENCE);
        assertThat(api().delete("tasks/" + running).status()).isEqualTo(409);
        String dead = deadOnce();

        assertThat(api().delete("tasks/" + dead).status()).isEqualTo(204);
        assertThat(api().get("tasks/" + dead).status()).isEqualTo(404);
        assertThat(deadLetterIds()).doesNotContain(dead);
        api().awaitStatus(running, "completed", PATIENCE);
    }

    @Test
    void cleanupRemovesOnlyFinishedTasks() {
        String done = api().submit(Map.of("agent", "echo", "payload", Map.of()));
        api().awaitStatus(done, "completed", PATIENCE);
        String running = api().submit(Map.of("agent", "echo", "payload", Map.of("delay_ms", 1500)));
        api().awaitStatus(running, "in_progress", PATIENCE);

        Api.Reply reply = api().post("maintenance/cleanup", Map.of("older_than_days", 0));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("deleted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api().get("tasks/" + done).status()).isEqualTo(404);
        assertThat(api().status(running)).isEqualTo("in_progress");
        assertThat(api().post("maintenance/cleanup", Map.of("older_than_days", -1)).status()).isEqualTo(400);
        api().awaitStatus(running, "completed", PATIENCE);
    }

    /** The broker's safety net: a message no agent can run is redelivered, then dead-lettered, not lost. */
    @Test
    void aPoisonMessageEndsOnTheDeadLetterQueueAfterTheBrokersRedeliveries() throws Exception {
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + server.brokerPort());
                var context = factory.createContext()) {
            var poison = context.createTextMessage("not a task");
            poison.setStringProperty("agent", "echo");
            context.createProducer().send(context.createQueue("agentry.tasks"), poison);
        }

        await("the poison message is dead-lettered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Api.Reply letters = api().get("dead-letters?agent=echo&limit=1000");
                    assertThat(letters.status()).as(letters.body()).isEqualTo(200);
                    return letters.json().get("dead_letters").findValuesAsText("reason").contains("redelivery_exhausted");
                });
    }

    @Test
    void aFullQueueAnswers503UntilItDrains() {
        String blocker = api().submit(Map.of("agent", "echo", "payload", Map.of("delay_ms", 3000)));
        api().awaitStatus(blocker, "in_progress", PATIENCE);

        List<Api.Reply> replies = new ArrayList<>();
        await("a submit meets the bound").atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Reply reply = api().post("tasks", "{\"agent\":\"echo\",\"payload\":{},\"priority\":2}");
            replies.add(reply);
            return reply.status() == 503;
        });
        Api.Reply full = replies.get(replies.size() - 1);
        assertThat(full.json().get("detail").asText()).isEqualTo("Queue is full");
        assertThat(full.header("Retry-After")).isNotBlank();
        assertThat(replies.subList(0, replies.size() - 1)).allMatch(r -> r.status() == 202);
        JsonNode queues = api().get("queues").json();
        assertThat(queues.get("queued").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(queues.get("in_flight").asLong()).isEqualTo(1);
        assertThat(queues.get("queued_by_priority").get("2").asLong()).isGreaterThanOrEqualTo(10);

        await("the queue drains and takes submits again").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> api().post("tasks", "{\"agent\":\"echo\",\"payload\":{}}").status() == 202);
        assertThat(api().get("stats").json().get("tasks_total").asLong()).isPositive();
    }
}
