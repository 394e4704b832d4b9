package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/tasks/batch} on the embedded defaults, with one echo consumer so that the order
 * of consumption is observable, and a small batch limit.
 */
class TaskBatchIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int MAX_BATCH_SIZE = 60;

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("h2-batch", AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "1",
                "AGENTRY_API_MAX_BATCH_SIZE", Integer.toString(MAX_BATCH_SIZE))).start();
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

    private static Map<String, Object> echo(Object payload) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        return task;
    }

    @Test
    void eachItemIsAcceptedOrRejectedOnItsOwnAndOnlyAcceptedOnesAreStored() {
        long before = api().totalTasks();
        Map<String, Object> tooHighPriority = echo(Map.of("n", 1));
        tooHighPriority.put("priority", 9);
        Map<String, Object> agentAndPattern = echo(Map.of("n", 3));
        agentAndPattern.put("pattern", "echo");
        Map<String, Object> byPattern = new LinkedHashMap<>(Map.of("pattern", "diagnostics", "payload", Map.of("n", 5)));
        Map<String, Object> lowPriority = echo(Map.of("n", 7));
        lowPriority.put("priority", 1);
        List<Map<String, Object>> items = List.of(
                echo(Map.of("n", 0)),
                tooHighPriority,
                Map.of("agent", "nobody", "payload", Map.of("n", 2)),
                agentAndPattern,
                Map.of("pattern", "no-such-rule", "payload", Map.of("n", 4)),
                byPattern,
                Map.of("agent", "echo"),
                lowPriority);

        Api.Reply reply = api().submitBatch(items);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        assertThat(body.get("rejected").asInt()).isEqualTo(5);
        JsonNode results = body.get("results");
        assertThat(results).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(statuses(results)).containsExactly(202, 400, 422, 400, 422, 202, 400, 202);
        assertThat(results.get(1).get("problem").get("errors").get(0).get("field").asText()).isEqualTo("priority");
        assertThat(results.get(2).get("problem").get("detail").asText()).isEqualTo("Unknown agent 'nobody'");
        assertThat(results.get(3).get("problem").get("detail").asText()).contains("exactly one of");
        assertThat(results.get(4).get("problem").get("status").asInt()).isEqualTo(422);
        assertThat(results.get(6).get("problem").get("errors").get(0).get("field").asText()).isEqualTo("payload");
        assertThat(results.get(5).get("agent").asText()).isEqualTo("echo");
        assertThat(results.get(0).get("priority").asInt()).isEqualTo(3);
        assertThat(results.get(7).get("priority").asInt()).isEqualTo(1);
        assertThat(results.get(1).has("task_id")).isFalse();

        List<String> accepted = List.of(taskId(results, 0), taskId(results, 5), taskId(results, 7));
        await("accepted tasks completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> accepted.stream().allMatch(id -> "completed".equals(api().status(id))));
        assertThat(api().task(taskId(results, 5)).get("result").get("n").asInt()).isEqualTo(5);
        assertThat(api().task(taskId(results, 7)).get("priority").asInt()).isEqualTo(1);
        assertThat(api().totalTasks()).as("only accepted items are stored").isEqualTo(before + 3);
    }

    @Test
    void aBatchAboveTheLimitIsRefusedAsAWhole() {
        long before = api().totalTasks();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i <= MAX_BATCH_SIZE; i++) {
            items.add(echo(Map.of("n", i)));
        }

        Api.Reply reply = api().submitBatch(items);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains(Integer.toString(MAX_BATCH_SIZE));
        assertThat(api().totalTasks()).isEqualTo(before);
    }

    @Test
    void malformedItemsOrAnEmptyBatchAreABadRequest() {
        Api.Reply wrongType = api().post("tasks/batch", "{\"tasks\":[{\"agent\":\"echo\",\"payload\":{},\"priority\":\"high\"}]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("tasks[0].priority");

        Api.Reply empty = api().post("tasks/batch", "{\"tasks\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asText()).isEqualTo("tasks");
    }

    @Test
    void aBatchBehindABusyAgentIsConsumedStrictlyByPriority() {
        String blocker = api().submit(echo(Map.of("delay_ms", 4000)));
        await("blocker running").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> "in_progress".equals(api().status(blocker)));

        List<Integer> priorities = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            priorities.add(i % 5 + 1);
        }
        Collections.shuffle(priorities, new Random(7));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int priority : priorities) {
            Map<String, Object> task = echo(Map.of("delay_ms", 5));
            task.put("priority", priority);
            items.add(task);
        }
        Api.Reply reply = api().submitBatch(items);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(50);
        assertThat(api().status(blocker)).as("the batch must be queued while the agent is busy")
                .isEqualTo("in_progress");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ids.add(taskId(results, i));
        }
        await("batch done").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> ids.stream().allMatch(id -> "completed".equals(api().status(id))));
        List<JsonNode> tasks = ids.stream().map(api()::task).toList();
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(tasks.get(i).get("priority").asInt()).isEqualTo(priorities.get(i));
        }
        List<Integer> startedPriorities = tasks.stream()
                .sorted(Comparator.comparing((JsonNode t) -> Instant.parse(t.get("started_at").asText())))
                .map(t -> t.get("priority").asInt())
                .toList();
        assertThat(startedPriorities).isSortedAccordingTo(Comparator.reverseOrder());
    }

    private static List<Integer> statuses(JsonNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(result -> statuses.add(result.get("status").asInt()));
        return statuses;
    }

    private static String taskId(JsonNode results, int index) {
        return results.get(index).get("task_id").asText();
    }
}
