package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a task does on a real server, whatever its database: it completes, it is consumed by
 * priority, it is retried by its policy, it dies into the DLQ, and bad input is refused. Subclasses
 * start the server (with one echo consumer, so the order of consumption is observable).
 */
abstract class TaskLifecycleContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    abstract AgentryProcess server();

    private Api api() {
        return server().api();
    }

    private static Map<String, Object> echo(Object payload) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        return task;
    }


    @Test
    void aTaskTravelsFromRestThroughTheQueueToTheAgentAndItsResultIsStored() {
        Api.Reply accepted = api().post("tasks", "{\"agent\":\"echo\",\"payload\":{\"x\":1},\"priority\":5}");

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode body = accepted.json();
        String id = body.get("task_id").asText();
        assertThat(body.get("status").asText()).isEqualTo("queued");
        assertThat(body.get("agent").asText()).isEqualTo("echo");
        assertThat(body.get("priority").asInt()).isEqualTo(5);
        assertThat(body.has("created_at")).isTrue();
        assertThat(accepted.header("Location")).endsWith("/api/tasks/" + id);

        api().awaitStatus(id, "completed", PATIENCE);
        JsonNode task = api().task(id);
        assertThat(task.get("result")).isEqualTo(Api.JSON.createObjectNode().put("x", 1));
        assertThat(task.get("retry_count").asInt()).isZero();
        assertThat(task.get("error").isNull()).isTrue();
        assertThat(task.get("created_at")).isEqualTo(body.get("created_at"));
        assertThat(task.get("execution_time").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(Instant.parse(task.get("completed_at").asText()))
                .isAfterOrEqualTo(Instant.parse(task.get("started_at").asText()));
        assertThat(eventTypes(id)).containsExactly("task_created", "task_queued", "task_started", "task_completed");
    }

    @Test
    void aBacklogIsConsumedStrictlyByPriority() {
        String blocker = api().submit(echo(Map.of("delay_ms", 4000)));
        api().awaitStatus(blocker, "in_progress", PATIENCE);

        List<Integer> priorities = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            priorities.add(i % 5 + 1);
        }
        java.util.Collections.shuffle(priorities, new Random(42));
        List<Map<String, Object>> backlog = new ArrayList<>();
        for (int priority : priorities) {
            Map<String, Object> task = echo(Map.of("delay_ms", 5));
            task.put("priority", priority);
            backlog.add(task);
        }
        // One batch, so the whole backlog is queued well within the blocker's time even on a busy machine.
        Api.Reply batch = api().submitBatch(backlog);
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        batch.json().get("results").forEach(result -> ids.add(result.get("task_id").asText()));
        assertThat(ids).hasSize(50);
        assertThat(api().status(blocker)).as("the backlog must be queued while the agent is busy")
                .isEqualTo("in_progress");

        await("backlog done").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> ids.stream().allMatch(id -> "completed".equals(api().status(id))));
        List<JsonNode> inStartOrder = ids.stream().map(api()::task)
                .sorted(Comparator.comparing((JsonNode t) -> Instant.parse(t.get("started_at").asText())))
                .toList();
        List<Integer> startedPriorities = inStartOrder.stream().map(t -> t.get("priority").asInt()).toList();
        assertThat(startedPriorities).isSortedAccordingTo(Comparator.reverseOrder());

        // A batch's events are stored together: each task's trace is still whole and in order, and the
        // seq of the batch's events follows the order of its items.
        List<Long> submitSeqs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<JsonNode> events = list(api().events(ids.get(i)));
            assertThat(events.stream().map(e -> e.get("event_type").asText()))
                    .containsExactly("task_created", "task_queued", "task_started", "task_completed");
            assertThat(events.get(0).get("data").get("agent").asText()).isEqualTo("echo");
            assertThat(events.get(0).get("data").get("priority").asInt()).isEqualTo(priorities.get(i));
            assertThat(events.get(1).get("data").get("attempt").asInt()).isEqualTo(1);
            assertThat(events.get(0).get("timestamp")).isEqualTo(events.get(1).get("timestamp"));
            assertThat(Instant.parse(events.get(0).get("timestamp").asText()))
                    .isEqualTo(Instant.parse(api().task(ids.get(i)).get("created_at").asText()));
            submitSeqs.add(events.get(0).get("seq").asLong());
            submitSeqs.add(events.get(1).get("seq").asLong());
        }
        assertThat(submitSeqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aFailingTaskIsRetriedOnItsBackoffScheduleAndThenCompletes() {
        Map<String, Object> task = echo(Map.of("fail_first", 2));
        task.put("retry_policy", Map.of("max_retries", 3, "backoff_ms", 500, "multiplier", 2.0, "jitter", false));
        String id = api().submit(task);

        api().awaitStatus(id, "completed", PATIENCE);
        JsonNode done = api().task(id);
        assertThat(done.get("retry_count").asInt()).isEqualTo(2);
        assertThat(done.get("result").get("fail_first").asInt()).isEqualTo(2);

        List<JsonNode> events = list(api().events(id));
        assertThat(events.stream().map(e -> e.get("event_type").asText())).containsExactly(
                "task_created", "task_queued",
                "task_started", "task_retry_scheduled",
                "task_started", "task_retry_scheduled",
                "task_started", "task_completed");
        JsonNode firstRetry = events.get(3);
        JsonNode secondRetry = events.get(5);
        assertThat(firstRetry.get("data").get("delay_ms").asLong()).isEqualTo(500);
        assertThat(secondRetry.get("data").get("delay_ms").asLong()).isEqualTo(1000);
        assertThat(events.get(4).get("data").get("attempt").asInt()).isEqualTo(2);
        assertThat(events.get(6).get("data").get("attempt").asInt()).isEqualTo(3);
        assertThat(gap(firstRetry, events.get(4))).isBetween(Duration.ofMillis(500), Duration.ofMillis(3500));
        assertThat(gap(secondRetry, events.get(6))).isBetween(Duration.ofMillis(1000), Duration.ofMillis(4000));
    }

    @Test
    void exhaustedRetriesEndDeadWithTheMessageOnTheDeadLetterQueue() throws Exception {
        Map<String, Object> task = echo(Map.of("fail_first", 100));
        task.put("retry_policy", Map.of("max_retries", 2, "backoff_ms", 100, "jitter", true));
        String id = api().submit(task);

        api().awaitStatus(id, "dead", PATIENCE);
        JsonNode dead = api().task(id);
        assertThat(dead.get("retry_count").asInt()).isEqualTo(2);
        assertThat(dead.get("error").asText()).contains("attempt 3");
        assertThat(eventTypes(id)).endsWith("task_dead_lettered");
        assertThat(DeadLetterQueue.taskIds(server().brokerPort())).contains(id);
    }

    /** With one echo consumer, a parent that kept its thread while waiting would never see its subtasks run. */
    @Test
    void aTaskWaitsForItsSubtasksWithoutHoldingItsAgentAndResumesWithTheirOutcomes() {
        String parent = api().submit(echo(Map.of("spawn", List.of(
                Map.of("agent", "echo", "payload", Map.of("n", 1, "delay_ms", 200)),
                Map.of("agent", "echo", "payload", Map.of("n", 2)),
                Map.of("agent", "echo", "payload", Map.of("fail", "permanent"))))));

        api().awaitStatus(parent, "completed", PATIENCE);
        JsonNode outcomes = api().task(parent).get("result").get("subtasks");
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.findValuesAsText("status")).containsExactlyInAnyOrder("completed", "completed", "failed");
        for (JsonNode outcome : outcomes) {
            JsonNode child = api().task(outcome.get("task_id").asText());
            assertThat(child.get("parent_task_id").asText()).isEqualTo(parent);
            assertThat(child.get("status").asText()).isEqualTo(outcome.get("status").asText());
        }
        assertThat(eventTypes(parent)).containsExactly("task_created", "task_queued", "task_started", "task_waiting",
                "task_resumed", "task_started", "task_completed");
    }

    @Test
    void aSubtaskForAnUnknownAgentFailsTheParentAndCreatesNoSubtask() {
        long before = totalTasks();
        String parent = api().submit(echo(Map.of("spawn", List.of(
                Map.of("agent", "echo", "payload", Map.of()), Map.of("agent", "nobody", "payload", Map.of())))));

        api().awaitStatus(parent, "failed", PATIENCE);
        assertThat(api().task(parent).get("error").asText()).contains("Unknown agent 'nobody'");
        assertThat(totalTasks()).isEqualTo(before + 1);
    }

    @Test
    void aPermanentFailureFailsAtOnceWithoutRetries() {
        String id = api().submit(echo(Map.of("fail", "permanent")));

        api().awaitStatus(id, "failed", PATIENCE);
        JsonNode failed = api().task(id);
        assertThat(failed.get("retry_count").asInt()).isZero();
        assertThat(failed.get("error").asText()).isEqualTo("echo was told to fail permanently");
    }

    @Test
    void invalidAgentInputFailsTheTaskWithoutRetries() {
        String id = api().submit(echo(Map.of("delay_ms", -5)));

        api().awaitStatus(id, "failed", PATIENCE);
        assertThat(api().task(id).get("error").asText()).contains("delay_ms");
    }

    @Test
    void tasksAreReachableByPatternThroughTheRoutingRules() {
        String id = api().submit(Map.of("pattern", "diagnostics", "payload", Map.of("via", "pattern")));

        api().awaitStatus(id, "completed", PATIENCE);
        JsonNode task = api().task(id);
        assertThat(task.get("agent").asText()).isEqualTo("echo");
        assertThat(task.get("pattern").asText()).isEqualTo("diagnostics");
    }

    @Test
    void listingFiltersAndPagesAndCountsAgree() {
        String id = api().submit(echo(Map.of("list", true)));
        api().awaitStatus(id, "completed", PATIENCE);

        JsonNode page = api().get("tasks?status=completed&agent=echo&limit=2&offset=0").json();
        assertThat(page.get("tasks")).hasSizeLessThanOrEqualTo(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        page.get("tasks").forEach(t -> assertThat(t.get("status").asText()).isEqualTo("completed"));

        JsonNode counts = api().get("tasks/counts").json();
        assertThat(counts.get("completed").asLong()).isEqualTo(page.get("total").asLong());
        assertThat(api().get("tasks?agent=nobody").json().get("total").asLong()).isZero();
        assertThat(api().get("agents").json().get("agents").findValuesAsText("name")).contains("echo");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstSubmission() {
        String body = "{\"agent\":\"echo\",\"payload\":{\"once\":true}}";
        Api.Reply first = api().post("tasks", body);
        Api.Reply again = postWithKey(body);
        Api.Reply replay = postWithKey(body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("task_id")).isEqualTo(again.json().get("task_id"));
    }

    private Api.Reply postWithKey(String body) {
        return api().post("tasks", body, Map.of("Content-Type", "application/json",
                "Idempotency-Key", "key-" + getClass().getSimpleName()));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("{bad json", 400),
                Arguments.of("", 400),
                Arguments.of("[]", 400),
                Arguments.of("{\"agent\":\"echo\"}", 400),
                Arguments.of("{\"payload\":{}}", 400),
                Arguments.of("{\"agent\":\"echo\",\"pattern\":\"echo\",\"payload\":{}}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"priority\":0}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"priority\":6}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"priority\":\"high\"}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"priority\":2.5}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"unknown_field\":1}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"retry_policy\":{\"multiplier\":0.5}}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"retry_policy\":{\"max_retries\":-1}}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"session_id\":\"not-a-uuid\"}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"callback_url\":\"ftp://x\"}", 400),
                Arguments.of("{\"agent\":\"echo\",\"payload\":{},\"metadata\":[1]}", 400),
                Arguments.of("{\"agent\":\"bad name!\",\"payload\":{}}", 400),
                Arguments.of("{\"pattern\":\"x\",\"payload\":{}}", 422),
                Arguments.of("{\"agent\":\"nobody\",\"payload\":{}}", 422));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsAProblemResponseAndCreatesNoTask(String body, int status) {
        long before = totalTasks();

        Api.Reply reply = api().post("tasks", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (status == 422) {
            assertThat(problem.get("detail").asText()).matches("Unknown (pattern|agent) '.*'");
        }
        assertThat(totalTasks()).isEqualTo(before);
    }

    @Test
    void otherBadRequestsAreProblemsToo() {
        assertThat(api().get("tasks/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api().get("tasks/not-a-uuid").status()).isEqualTo(404);
        assertThat(api().get("tasks?status=sleeping").status()).isEqualTo(400);
        assertThat(api().get("tasks?limit=0").status()).isEqualTo(400);
        assertThat(api().get("tasks?limit=lots").status()).isEqualTo(400);
        assertThat(api().get("tasks?session_id=nope").status()).isEqualTo(400);
        Api.Reply wrongType = api().post("tasks", "x", "text/plain");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
    }

    private long totalTasks() {
        long total = 0;
        for (JsonNode count : api().get("tasks/counts").json()) {
            total += count.asLong();
        }
        return total;
    }

    private List<String> eventTypes(String id) {
        return list(api().events(id)).stream().map(e -> e.get("event_type").asText()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static Duration gap(JsonNode earlier, JsonNode later) {
        return Duration.between(Instant.parse(earlier.get("timestamp").asText()),
                Instant.parse(later.get("timestamp").asText()));
    }
}
