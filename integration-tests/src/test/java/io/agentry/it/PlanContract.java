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
import org.junit.jupiter.api.Test;

/**
 * Plans on a real server: DAG execution in both modes, validation, failure with and without a
 * fallback plan, timeouts, cancellation, agent messages, aggregation. Subclasses start the server
 * (with four echo consumers, so parallel steps can overlap).
 */
abstract class PlanContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    abstract AgentryProcess server();

    private Api api() {
        return server().api();
    }

    private static Map<String, Object> step(String id, Object input, String... dependencies) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", id);
        step.put("agent", "echo");
        step.put("input", input);
        step.put("dependencies", List.of(dependencies));
        return step;
    }

    private static Map<String, Object> plan(String mode, List<Map<String, Object>> steps) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", "plan-" + mode);
        plan.put("execution_mode", mode);
        plan.put("steps", steps);
        return plan;
    }

    private String start(Map<String, Object> plan) {
        Api.Reply reply = api().post("sessions", plan);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.header("Location")).contains("/api/sessions/");
        return reply.json().get("session_id").asText();
    }

    private JsonNode session(String id) {
        Api.Reply reply = api().get("sessions/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode awaitSession(String id, String status) {
        await("session " + id + " " + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> session(id).get("status").asText(), status::equals);
        return session(id);
    }

    private static Map<String, JsonNode> stepsById(JsonNode session) {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        session.get("steps").forEach(s -> steps.put(s.get("id").asText() + (s.get("fallback").asBoolean() ? "@fallback" : ""), s));
        return steps;
    }

    private static Instant time(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }

    private List<Map<String, Object>> diamond() {
        return List.of(
                step("a", Map.of("topic", "agents")),
                step("b", Map.of("delay_ms", 700, "from_a", "${steps.a.output}"), "a"),
                step("c", Map.of("delay_ms", 700, "v", "c-value", "topic", "${steps.a.output/topic}"), "a"),
                step("d", Map.of("b", "${steps.b.output}", "c", "${steps.c.output/v}",
                        "text", "b saw ${steps.a.output/topic}"), "b", "c"));
    }

    @Test
    void aDiamondInParallelOverlapsTheMiddleStepsAndFeedsTheirOutputsDownstream() {
        String id = start(plan("parallel", diamond()));

        JsonNode session = awaitSession(id, "completed");
        Map<String, JsonNode> steps = stepsById(session);
        JsonNode b = steps.get("b");
        JsonNode c = steps.get("c");
        assertThat(time(b, "started_at")).isBefore(time(c, "completed_at"));
        assertThat(time(c, "started_at")).isBefore(time(b, "completed_at"));
        JsonNode d = steps.get("d").get("result");
        assertThat(d.get("b").get("from_a").get("topic").asText()).isEqualTo("agents");
        assertThat(d.get("c").asText()).isEqualTo("c-value");
        assertThat(d.get("text").asText()).isEqualTo("b saw agents");
        assertThat(steps.get("c").get("result").get("topic").asText()).isEqualTo("agents");
        assertThat(session.get("results").size()).isEqualTo(4);
        assertThat(session.get("errors").size()).isZero();
        assertThat(session.get("fallback_used").asBoolean()).isFalse();
        assertThat(session.get("duration_ms").asLong()).isGreaterThanOrEqualTo(700);
        assertThat(time(steps.get("d"), "started_at")).isAfterOrEqualTo(time(b, "completed_at"))
                .isAfterOrEqualTo(time(c, "completed_at"));
        steps.values().forEach(s -> assertThat(s.get("attempts").asInt()).isEqualTo(1));
    }

    @Test
    void theSamePlanInSequentialModeNeverOverlapsTwoSteps() {
        String id = start(plan("sequential", diamond()));

        JsonNode session = awaitSession(id, "completed");
        List<JsonNode> byStart = new ArrayList<>(stepsById(session).values());
        byStart.sort(Comparator.comparing(s -> time(s, "started_at")));
        for (int i = 1; i < byStart.size(); i++) {
            assertThat(time(byStart.get(i), "started_at")).as("step %s starts after %s ends",
                    byStart.get(i).get("id"), byStart.get(i - 1).get("id"))
                    .isAfterOrEqualTo(time(byStart.get(i - 1), "completed_at"));
        }
        assertThat(byStart.stream().map(s -> s.get("id").asText())).containsExactly("a", "b", "c", "d");
    }

    @Test
    void invalidPlansAreRefusedWithTheStepNamedAndNothingStored() {
        long before = api().get("sessions").json().get("total").asLong();
        record Case(List<Map<String, Object>> steps, String field, String detail) {
        }
        List<Case> cases = List.of(
                new Case(List.of(step("a", Map.of(), "c"), step("b", Map.of(), "a"), step("c", Map.of(), "b")),
                        "steps.", "form a cycle"),
                new Case(List.of(step("a", Map.of()), step("b", Map.of(), "ghost")), "steps.b", "unknown step 'ghost'"),
                new Case(List.of(step("a", Map.of()), step("a", Map.of())), "steps.a", "Duplicate step id 'a'"),
                new Case(List.of(step("a", Map.of()), step("b", Map.of("x", "${steps.a.output}"))), "steps.b",
                        "does not depend on"),
                new Case(List.of(Map.of("id", "x", "agent", "nobody", "input", Map.of())), "steps.x",
                        "Unknown agent 'nobody'"));
        for (Case c : cases) {
            Api.Reply reply = api().post("sessions", plan("parallel", c.steps()));
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).contains(c.detail());
            assertThat(reply.json().get("errors").get(0).get("field").asText()).startsWith(c.field());
        }
        assertThat(api().post("sessions", plan("parallel", List.of())).status()).isEqualTo(400);
        assertThat(api().post("sessions", plan("sideways", List.of(step("a", Map.of())))).status()).isEqualTo(400);
        assertThat(api().post("sessions", "{\"steps\":[{\"id\":\"a\",\"agent\":\"echo\"}],\"bogus\":1}").status())
                .isEqualTo(400);
        assertThat(api().get("sessions").json().get("total").asLong()).isEqualTo(before);
    }

    private static Map<String, Object> dyingStep(String id, String... dependencies) {
        Map<String, Object> step = step(id, Map.of("fail_first", 100), dependencies);
        step.put("retry_policy", Map.of("max_retries", 1, "backoff_ms", 100, "jitter", false));
        return step;
    }

    @Test
    void aStepThatFailsPastItsRetriesFailsThePlanAndSkipsWhatCanNoLongerRun() {
        String id = start(plan("parallel", List.of(step("a", Map.of()), dyingStep("b", "a"),
                step("c", Map.of(), "b"), step("d", Map.of("delay_ms", 300), "a"))));

        JsonNode session = awaitSession(id, "failed");
        Map<String, JsonNode> steps = stepsById(session);
        assertThat(steps.get("b").get("status").asText()).isEqualTo("dead");
        assertThat(steps.get("b").get("attempts").asInt()).isEqualTo(2);
        assertThat(steps.get("c").get("status").asText()).isEqualTo("cancelled");
        assertThat(steps.get("c").get("error").asText()).contains("Skipped").contains("'b'");
        assertThat(steps.get("c").get("started_at").isNull()).isTrue();
        assertThat(session.get("error").asText()).contains("Step 'b' failed");
        assertThat(session.get("errors").get("b").asText()).contains("fail attempt 2");
        await("running step d is recorded").atMost(PATIENCE)
                .until(() -> stepsById(session(id)).get("d").get("status").asText(), "completed"::equals);
    }

    @Test
    void aFailingPlanWithAFallbackEndsCompletedByTheFallback() {
        Map<String, Object> plan = plan("parallel", List.of(step("a", Map.of()), dyingStep("b", "a"),
                step("c", Map.of(), "b")));
        plan.put("fallback_plan", Map.of("steps", List.of(step("safe", Map.of("answer", 42)),
                step("after", Map.of("got", "${steps.safe.output/answer}"), "safe"))));
        String id = start(plan);

        JsonNode session = awaitSession(id, "completed");
        assertThat(session.get("fallback_used").asBoolean()).isTrue();
        assertThat(session.get("results").get("after").get("got").asInt()).isEqualTo(42);
        Map<String, JsonNode> steps = stepsById(session);
        assertThat(steps.get("c").get("status").asText()).isEqualTo("cancelled");
        assertThat(steps.get("safe@fallback").get("status").asText()).isEqualTo("completed");
        List<String> types = new ArrayList<>();
        api().get("sessions/" + id + "/events").json().forEach(e -> types.add(e.get("event_type").asText()));
        assertThat(types).contains("plan_fallback").endsWith("plan_completed");
    }

    @Test
    void aPlanThatOutlivesItsTimeoutEndsTimedOut() {
        Map<String, Object> plan = plan("sequential", List.of(step("slow", Map.of("delay_ms", 3000)),
                step("next", Map.of(), "slow")));
        plan.put("timeout_ms", 800);
        String id = start(plan);

        JsonNode session = awaitSession(id, "timed_out");
        assertThat(stepsById(session).get("next").get("status").asText()).isEqualTo("cancelled");
        assertThat(session.get("error").asText()).contains("did not finish within 800 ms");
    }

    @Test
    void aStepTimeoutBoundsOneAttempt() {
        Map<String, Object> slow = step("slow", Map.of("delay_ms", 5000));
        slow.put("timeout_ms", 300);
        slow.put("retry_policy", Map.of("max_retries", 0));
        String id = start(plan("parallel", List.of(slow)));

        JsonNode session = awaitSession(id, "failed");
        JsonNode step = stepsById(session).get("slow");
        assertThat(step.get("status").asText()).isEqualTo("dead");
        assertThat(step.get("error").asText()).contains("did not finish within 300 ms");
        assertThat(Duration.between(time(step, "started_at"), time(step, "completed_at")))
                .isLessThan(Duration.ofMillis(4000));
    }

    @Test
    void cancellingARunningPlanStartsNothingMoreAndASecondCancelConflicts() {
        String id = start(plan("sequential", List.of(step("one", Map.of("delay_ms", 1500)),
                step("two", Map.of(), "one"), step("three", Map.of(), "two"))));
        await().atMost(PATIENCE).until(() -> stepsById(session(id)).get("one").get("status").asText(),
                "in_progress"::equals);

        Api.Reply cancelled = api().post("sessions/" + id + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");

        await("the running step ends cancelled").atMost(PATIENCE)
                .until(() -> stepsById(session(id)).get("one").get("status").asText(), "cancelled"::equals);
        Map<String, JsonNode> steps = stepsById(session(id));
        assertThat(steps.get("two").get("status").asText()).isEqualTo("cancelled");
        assertThat(steps.get("two").get("started_at").isNull()).isTrue();
        assertThat(steps.get("three").get("started_at").isNull()).isTrue();
        assertThat(api().post("sessions/" + id + "/cancel", "").status()).isEqualTo(409);
        assertThat(api().post("sessions/00000000-0000-0000-0000-000000000000/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void agentsOfASessionMessageEachOtherAndShareInsights() {
        String id = start(plan("parallel", List.of(
                step("talker", Map.of("message", Map.of("to", "echo", "type", "request",
                        "content", Map.of("question", "ready?")), "insight", Map.of("learned", "a thing"))))));

        awaitSession(id, "completed");
        JsonNode messages = api().get("sessions/" + id + "/messages").json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("from_agent").asText()).isEqualTo("echo");
        assertThat(messages.get(0).get("message_type").asText()).isEqualTo("request");
        assertThat(messages.get(0).get("content").get("question").asText()).isEqualTo("ready?");
        List<String> types = new ArrayList<>();
        api().get("sessions/" + id + "/events").json().forEach(e -> types.add(e.get("event_type").asText()));
        assertThat(types).contains("agent_message", "agent_insight");
    }

    @Test
    void aggregateReportsCountsResultsErrorsAndUnknownIds() {
        String ok = api().submit(Map.of("agent", "echo", "payload", Map.of("n", 1)));
        String bad = api().submit(Map.of("agent", "echo", "payload", Map.of("fail", "permanent")));
        await().atMost(PATIENCE).until(() -> api().status(ok).equals("completed") && api().status(bad).equals("failed"));

        Api.Reply reply = api().post("tasks/aggregate", Map.of("task_ids",
                List.of(ok, bad, "00000000-0000-0000-0000-000000000001", "not-an-id")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode aggregate = reply.json();
        assertThat(aggregate.get("total_tasks").asInt()).isEqualTo(2);
        assertThat(aggregate.get("completed").asInt()).isEqualTo(1);
        assertThat(aggregate.get("failed").asInt()).isEqualTo(1);
        assertThat(aggregate.get("pending").asInt()).isZero();
        assertThat(aggregate.get("results").get(0).get("result").get("n").asInt()).isEqualTo(1);
        assertThat(aggregate.get("errors").get(0).get("error").asText()).contains("permanently");
        assertThat(aggregate.get("unknown")).hasSize(2);
    }

    @Test
    void aRunningTaskCancelledEndsCancelledWhenItsAgentReturnsAndAFinishedOneCannotBeCancelled() {
        String id = api().submit(Map.of("agent", "echo", "payload", Map.of("delay_ms", 1000)));
        await().atMost(PATIENCE).until(() -> api().status(id), "in_progress"::equals);

        assertThat(api().post("tasks/" + id + "/cancel", "").status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> api().status(id), "cancelled"::equals);
        assertThat(api().post("tasks/" + id + "/cancel", "").status()).isEqualTo(409);
        assertThat(api().post("tasks/00000000-0000-0000-0000-000000000002/cancel", "").status()).isEqualTo(404);
    }
}
