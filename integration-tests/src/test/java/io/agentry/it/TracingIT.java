package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.it.OtlpCollector.ExportedSpan;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing through MicroProfile Telemetry, switched on with the usual {@code OTEL_*} variables and
 * exported over OTLP/HTTP to a collector this test runs: the REST call, the send of the task message
 * and the agent's work on it are one trace, a retried task has one agent span per attempt, a plan's
 * next step continues its trace, and a remote agent is called with the trace's {@code traceparent}.
 */
class TracingIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SERVICE = "agentry-tracing-it";

    private static OtlpCollector collector;
    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        collector = new OtlpCollector();
        server = AgentryProcess.embedded("tracing", AgentryProcess.env(
                "OTEL_SDK_DISABLED", "false",
                "OTEL_SERVICE_NAME", SERVICE,
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_BSP_SCHEDULE_DELAY", "100",
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none")).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void theRestCallTheSendAndTheAgentsAttemptAreOneTrace() {
        String taskId = server.api().submit(Map.of("agent", "echo", "payload", Map.of("x", 1)));
        server.api().awaitStatus(taskId, "completed", WITHIN);

        ExportedSpan process = awaitOne(consumer(taskId));
        ExportedSpan send = awaitOne(producer(taskId));
        ExportedSpan rest = awaitOne(s -> s.spanId().equals(send.parentSpanId()));

        assertThat(rest.kind()).as(rest.toString()).isEqualTo("SERVER");
        assertThat(rest.attribute("http.method")).isEqualTo("POST");
        assertThat(rest.service()).isEqualTo(SERVICE);
        assertThat(List.of(rest.traceId(), send.traceId(), process.traceId())).as("one trace id")
                .containsOnly(rest.traceId());
        assertThat(process.parentSpanId()).as("the agent's span follows the send").isEqualTo(send.spanId());
        assertThat(send.attribute("agentry.agent")).isEqualTo("echo");
        assertThat(send.attribute("agentry.attempt")).isEqualTo("1");
        assertThat(process.attribute("agentry.agent")).isEqualTo("echo");
        assertThat(process.attribute("agentry.attempt")).isEqualTo("1");
        assertThat(process.attribute("agentry.outcome")).isEqualTo("completed");
        assertThat(process.error()).isFalse();
    }

    @Test
    void aRetriedTaskHasOneAgentSpanPerAttemptInItsTrace() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", Map.of("fail_first", 2));
        task.put("retry_policy", Map.of("max_retries", 3, "backoff_ms", 100, "jitter", false));
        String taskId = server.api().submit(task);
        server.api().awaitStatus(taskId, "completed", WITHIN);

        List<ExportedSpan> attempts = await("three agent spans of task " + taskId).atMost(WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> collector.spans(consumer(taskId)), spans -> spans.size() >= 3);
        List<ExportedSpan> sends = await("three sends of task " + taskId).atMost(WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> collector.spans(producer(taskId)), spans -> spans.size() >= 3);

        assertThat(attempts).as("agent spans").hasSize(3)
                .extracting(s -> s.attribute("agentry.attempt")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(sends).as("sends").hasSize(3);
        String traceId = attempts.get(0).traceId();
        assertThat(attempts).allMatch(s -> s.traceId().equals(traceId), "all in one trace");
        assertThat(sends).allMatch(s -> s.traceId().equals(traceId), "all in one trace");
        List<ExportedSpan> byAttempt = attempts.stream()
                .sorted(Comparator.comparing(s -> s.attribute("agentry.attempt"))).toList();
        assertThat(byAttempt.get(0).error()).isTrue();
        assertThat(byAttempt.get(0).attribute("agentry.outcome")).isEqualTo("failed_retryable");
        assertThat(byAttempt.get(1).error()).isTrue();
        assertThat(byAttempt.get(2).error()).isFalse();
        // Each retry is sent from the failed attempt's span, and each attempt follows its own send.
        for (int i = 1; i < 3; i++) {
            ExportedSpan failed = byAttempt.get(i - 1);
            ExportedSpan retry = byAttempt.get(i);
            ExportedSpan resend = sends.stream().filter(s -> s.spanId().equals(retry.parentSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no send is the parent of " + retry + " among " + sends));
            assertThat(resend.parentSpanId()).as("retry sent from " + failed).isEqualTo(failed.spanId());
            assertThat(resend.attribute("agentry.delay_ms")).isNotNull();
        }
    }

    @Test
    void aPlansNextStepContinuesTheTraceOfTheStepBefore() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", "traced");
        plan.put("execution_mode", "sequential");
        plan.put("steps", List.of(
                Map.of("id", "first", "agent", "echo", "input", Map.of("n", 1)),
                Map.of("id", "second", "agent", "echo", "dependencies", List.of("first"), "input", Map.of("n", 2))));
        Api.Reply started = server.api().post("sessions", plan);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String sessionId = started.json().get("session_id").asText();
        await("session " + sessionId + " completed").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> server.api().get("sessions/" + sessionId).json().get("status").asText(),
                        "completed"::equals);
        Map<String, String> taskIds = new LinkedHashMap<>();
        for (JsonNode step : server.api().get("sessions/" + sessionId).json().get("steps")) {
            taskIds.put(step.get("id").asText(), step.get("task_id").asText());
        }

        ExportedSpan first = awaitOne(consumer(taskIds.get("first")));
        ExportedSpan second = awaitOne(consumer(taskIds.get("second")));
        ExportedSpan secondSent = awaitOne(producer(taskIds.get("second")));
        ExportedSpan firstSent = awaitOne(producer(taskIds.get("first")));
        ExportedSpan rest = awaitOne(s -> s.spanId().equals(firstSent.parentSpanId()));

        assertThat(rest.kind()).isEqualTo("SERVER");
        assertThat(List.of(rest.traceId(), firstSent.traceId(), first.traceId(), secondSent.traceId(), second.traceId()))
                .as("one trace id").containsOnly(rest.traceId());
        assertThat(secondSent.parentSpanId()).as("the next step is sent from the first step's span")
                .isEqualTo(first.spanId());
        assertThat(second.parentSpanId()).isEqualTo(secondSent.spanId());
        assertThat(first.attribute("agentry.session.id")).isEqualTo(sessionId);
        assertThat(second.attribute("agentry.session.id")).isEqualTo(sessionId);
        assertThat(second.attribute("agentry.step.id")).isEqualTo("second");
    }

    @Test
    void aRemoteAgentIsCalledWithTheTracesTraceparent() {
        try (RemoteAgentStub stub = new RemoteAgentStub()) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("name", "traced-remote");
            agent.put("type", "http");
            agent.put("endpoints", List.of(Map.of("url", stub.url(), "weight", 1)));
            Api.Reply registered = server.api().post("agents", agent);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String taskId = server.api().submit(Map.of("agent", "traced-remote", "payload", Map.of("y", 2)));
            server.api().awaitStatus(taskId, "completed", WITHIN);

            ExportedSpan process = awaitOne(consumer(taskId));
            ExportedSpan call = awaitOne(s -> s.kind().equals("CLIENT") && taskId.equals(s.attribute("agentry.task.id")));
            assertThat(call.parentSpanId()).isEqualTo(process.spanId());
            assertThat(stub.calls()).hasSize(1);
            String traceparent = stub.calls().get(0).traceparent();
            assertThat(traceparent).as("traceparent header").isNotNull()
                    .isEqualTo("00-" + process.traceId() + "-" + call.spanId() + "-01");
        }
    }

    private static Predicate<ExportedSpan> consumer(String taskId) {
        return s -> s.kind().equals("CONSUMER") && taskId.equals(s.attribute("agentry.task.id"));
    }

    private static Predicate<ExportedSpan> producer(String taskId) {
        return s -> s.kind().equals("PRODUCER") && taskId.equals(s.attribute("agentry.task.id"));
    }

    /** The one exported span that matches, once it has come. */
    private static ExportedSpan awaitOne(Predicate<ExportedSpan> which) {
        List<ExportedSpan> found;
        try {
            found = await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> collector.spans(which), spans -> !spans.isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no such span was exported; there are: " + collector.spans(), e);
        }
        assertThat(found).as("matching spans").hasSize(1);
        return found.get(0);
    }
}
