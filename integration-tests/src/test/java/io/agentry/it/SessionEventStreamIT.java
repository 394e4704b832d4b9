package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Session streams over random plan shapes: whatever the plan (size, dependencies, mode, steps that
 * need a retry) and however late the client connects, an SSE and an NDJSON client each get every
 * event of the session once, each step's events in the order of its lifecycle, and the stream ends
 * with the session's last event.
 */
class SessionEventStreamIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> LIFECYCLE = List.of("task_created", "task_queued", "step_started",
            "task_started", "task_completed", "step_completed");
    private static final List<String> LIFECYCLE_WITH_RETRY = List.of("task_created", "task_queued", "step_started",
            "task_started", "task_retry_scheduled", "task_started", "task_completed", "step_completed");

    private static AgentryProcess server;

    @BeforeContainer
    static void start() {
        server = AgentryProcess.embedded("session-streams", Map.of()).start();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A step: how long it works, whether its first attempt fails, which earlier steps it needs. */
    record Step(String id, int delayMs, boolean failsOnce, List<String> dependencies) {

        Map<String, Object> toJson() {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("delay_ms", delayMs);
            input.put("fail_first", failsOnce ? 1 : 0);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", id);
            step.put("agent", "echo");
            step.put("input", input);
            step.put("dependencies", dependencies);
            step.put("retry_policy", Map.of("max_retries", 1, "backoff_ms", 100, "jitter", false));
            return step;
        }
    }

    record Plan(String mode, List<Step> steps) {
    }

    @Provide
    Arbitrary<Plan> plans() {
        return Arbitraries.integers().between(1, 5).flatMap(size -> Combinators.combine(
                Arbitraries.of("parallel", "sequential"),
                Arbitraries.integers().between(0, 300).list().ofSize(size),
                Arbitraries.of(true, false).list().ofSize(size),
                Arbitraries.integers().between(0, (1 << size) - 1).list().ofSize(size))
                .as((mode, delays, failures, dependencyMasks) -> {
                    List<Step> steps = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        List<String> dependencies = new ArrayList<>();
                        for (int j = 0; j < i; j++) {
                            if ((dependencyMasks.get(i) & (1 << j)) != 0) {
                                dependencies.add("s" + j);
                            }
                        }
                        steps.add(new Step("s" + i, delays.get(i), failures.get(i), dependencies));
                    }
                    return new Plan(mode, steps);
                }));
    }

    @Property(tries = 12)
    void aLateClientGetsEverySessionEventOnceInEachStepsOrder(@ForAll("plans") Plan plan,
            @ForAll @IntRange(min = 1, max = 12) int eventsBeforeConnecting) {
        Api api = server.api();
        Api.Reply accepted = api.post("sessions", Map.of("name", "random", "execution_mode", plan.mode(),
                "steps", plan.steps().stream().map(Step::toJson).toList()));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("session_id").asText();
        // Every step records at least six events, so this many are always reached.
        int connectAfter = Math.min(eventsBeforeConnecting, 6 * plan.steps().size());
        await("events before connecting").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> events(api, id).size() >= connectAfter);

        EventStreamClient.Connection sse = EventStreamClient.sse(api.uri("sessions/" + id + "/events"));
        EventStreamClient.Connection ndjson = EventStreamClient.ndjson(api.uri("sessions/" + id + "/events"));
        await("streams closed").atMost(PATIENCE).until(() -> sse.closed().isDone() && ndjson.closed().isDone());
        sse.closed().join();
        ndjson.closed().join();

        List<JsonNode> trace = events(api, id);
        assertThat(trace.get(trace.size() - 1).get("event_type").asText()).isEqualTo("plan_completed");
        for (EventStreamClient.Connection stream : List.of(sse, ndjson)) {
            List<JsonNode> streamed = stream.received().stream().map(EventStreamClient.Received::json).toList();
            assertThat(streamed).as("every stored event once").containsExactlyInAnyOrderElementsOf(trace);
            assertThat(streamed.get(streamed.size() - 1).get("event_type").asText()).isEqualTo("plan_completed");
            assertThat(lifecycles(streamed)).isEqualTo(expectedLifecycles(plan));
        }
    }

    /** Event types per step id, in the order they were streamed. */
    private static Map<String, List<String>> lifecycles(List<JsonNode> streamed) {
        Map<String, String> stepOfTask = new LinkedHashMap<>();
        for (JsonNode event : streamed) {
            if (event.get("event_type").asText().equals("task_created")) {
                stepOfTask.put(event.get("task_id").asText(), event.get("data").get("step_id").asText());
            }
        }
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        for (JsonNode event : streamed) {
            if (!event.get("task_id").isNull()) {
                String step = stepOfTask.getOrDefault(event.get("task_id").asText(), "unknown task");
                byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(event.get("event_type").asText());
            }
        }
        return byStep;
    }

    private static Map<String, List<String>> expectedLifecycles(Plan plan) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        plan.steps().forEach(step -> expected.put(step.id(), step.failsOnce() ? LIFECYCLE_WITH_RETRY : LIFECYCLE));
        return expected;
    }

    private static List<JsonNode> events(Api api, String sessionId) {
        return StreamSupport.stream(api.get("sessions/" + sessionId + "/events", "application/json").json()
                .spliterator(), false).toList();
    }
}
