package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live event streams and webhooks on a real server (embedded broker, H2): SSE and NDJSON clients of
 * tasks and sessions, the session WebSocket and trace export, and webhook retries.
 */
class EventStreamIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> STEP_LIFECYCLE = List.of("task_created", "task_queued", "step_started",
            "task_started", "task_completed", "step_completed");

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("event-streams", AgentryProcess.env(
                "AGENTRY_WEBHOOKS_BACKOFF_MS", "200",
                "AGENTRY_WEBHOOKS_MAX_BACKOFF_MS", "1000")).start();
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

    private static Map<String, Object> echo(Map<String, Object> payload) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        return task;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static void awaitClosed(EventStreamClient.Connection stream) {
        await("stream closed").atMost(PATIENCE).until(stream.closed()::isDone);
        stream.closed().join();
    }

    private static List<JsonNode> json(List<EventStreamClient.Received> received) {
        return received.stream().map(EventStreamClient.Received::json).toList();
    }

    @Test
    void sseAndNdjsonClientsThatConnectWhileATaskRunsGetEveryEventOnceInOrderUntilTheLastOne() {
        Map<String, Object> task = echo(Map.of("delay_ms", 1500, "fail_first", 1));
        task.put("retry_policy", Map.of("max_retries", 2, "backoff_ms", 300, "jitter", false));
        String id = api().submit(task);
        await("task started").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> api().status(id), "in_progress"::equals);
        int storedAtConnect = api().events(id).size();

        EventStreamClient.Connection sse = EventStreamClient.sse(api().uri("tasks/" + id + "/events"));
        EventStreamClient.Connection ndjson = EventStreamClient.ndjson(api().uri("tasks/" + id + "/events"));
        awaitClosed(sse);
        awaitClosed(ndjson);

        List<JsonNode> trace = list(api().events(id));
        assertThat(trace.stream().map(e -> e.get("event_type").asText())).containsExactly(
                "task_created", "task_queued", "task_started", "task_retry_scheduled", "task_started",
                "task_completed");
        assertThat(storedAtConnect).as("events recorded before the clients connected").isLessThan(trace.size());
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(json(sse.received())).containsExactlyElementsOf(trace);
        assertThat(sse.received()).allSatisfy(event -> {
            assertThat(event.id()).isEqualTo(Long.toString(event.seq()));
            assertThat(event.name()).isEqualTo(event.type());
        });
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
        assertThat(json(ndjson.received())).containsExactlyElementsOf(trace);
    }

    @Test
    void aClientThatConnectsAfterTheTaskEndedGetsTheWholeTraceAndTheStreamClosesAtOnce() {
        String id = api().submit(echo(Map.of("x", 1)));
        await("task completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> api().status(id), "completed"::equals);
        List<JsonNode> trace = list(api().events(id));

        EventStreamClient.Connection sse = EventStreamClient.sse(api().uri("tasks/" + id + "/events"));
        EventStreamClient.Connection ndjson = EventStreamClient.ndjson(api().uri("tasks/" + id + "/events"));
        await("both streams closed").atMost(Duration.ofSeconds(5))
                .until(() -> sse.closed().isDone() && ndjson.closed().isDone());

        assertThat(json(sse.received())).containsExactlyElementsOf(trace);
        assertThat(json(ndjson.received())).containsExactlyElementsOf(trace);
        assertThat(trace.get(trace.size() - 1).get("event_type").asText()).isEqualTo("task_completed");
    }

    @Test
    void plainJsonStillGetsTheStoredTrace() {
        String id = api().submit(echo(Map.of("x", 2)));

        Api.Reply reply = api().get("tasks/" + id + "/events", "application/json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get(0).get("event_type").asText()).isEqualTo("task_created");
    }

    @Test
    void unknownTasksAndSessionsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("tasks/" + unknown + "/events", "tasks/not-a-uuid/events",
                "sessions/" + unknown + "/events", "sessions/not-a-uuid/events")) {
            for (String accept : List.of("text/event-stream", "application/x-ndjson", "application/json")) {
                Api.Reply reply = api().get(path, accept);
                assertThat(reply.status()).as(path + " as " + accept).isEqualTo(404);
                assertThat(reply.contentType()).as(path + " as " + accept).startsWith("application/problem+json");
                assertThat(reply.json().get("status").asInt()).isEqualTo(404);
            }
        }
        Api.Reply trace = api().get("sessions/" + unknown + "/trace");
        assertThat(trace.status()).isEqualTo(404);
        assertThat(trace.contentType()).startsWith("application/problem+json");

        EventStreamClient.Socket socket = EventStreamClient.Socket.open(webSocket(unknown));
        await("socket closed").atMost(Duration.ofSeconds(10)).until(socket.closed()::isDone);
        assertThat(socket.closed().join()).isEqualTo(4404);
        assertThat(socket.received()).isEmpty();
    }

    @Test
    void aWebhookReceiverThatFailsTwiceGetsTheFinalStatusOnTheThirdCall() throws IOException {
        record Call(String attempt, JsonNode body) {
        }
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Agentry-Attempt"),
                        Api.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            }
            exchange.sendResponseHeaders(calls.size() <= 2 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Map<String, Object> task = echo(Map.of("answer", 42));
            task.put("callback_url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            String id = api().submit(task);

            await("third webhook call").atMost(PATIENCE).until(() -> calls.size() >= 3);
            await("no call after the successful one").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> calls.size() == 3);

            assertThat(calls.stream().map(Call::attempt)).containsExactly("1", "2", "3");
            JsonNode last = calls.get(2).body();
            assertThat(last.get("task_id").asText()).isEqualTo(id);
            assertThat(last.get("status").asText()).isEqualTo("completed");
            assertThat(last.get("result")).isEqualTo(Api.JSON.createObjectNode().put("answer", 42));
            assertThat(last.get("event").get("event_type").asText()).isEqualTo("task_completed");
            assertThat(calls.get(0).body()).isEqualTo(last);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void sseNdjsonAndWebSocketClientsOfARunningSessionGetEveryEventOnceEndingWithTheLastOne() {
        String id = startDiamondPlan(600);
        await("a step started").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> types(sessionEvents(id)).contains("task_started"));

        EventStreamClient.Connection sse = EventStreamClient.sse(api().uri("sessions/" + id + "/events"));
        EventStreamClient.Connection ndjson = EventStreamClient.ndjson(api().uri("sessions/" + id + "/events"));
        EventStreamClient.Socket socket = EventStreamClient.Socket.open(webSocket(id));
        awaitClosed(sse);
        awaitClosed(ndjson);
        await("socket closed").atMost(PATIENCE).until(socket.closed()::isDone);

        List<JsonNode> trace = sessionEvents(id);
        assertThat(types(trace)).endsWith("plan_completed");
        assertSessionStream(json(sse.received()), trace);
        assertSessionStream(json(ndjson.received()), trace);
        assertSessionStream(json(socket.received()), trace);
        assertThat(socket.closed().join()).isEqualTo(1000);
        assertThat(sse.received()).allSatisfy(event -> assertThat(event.name()).isEqualTo(event.type()));

        JsonNode export = api().get("sessions/" + id + "/trace").json();
        assertThat(export.get("session_id").asText()).isEqualTo(id);
        assertThat(list(export.get("events"))).containsExactlyElementsOf(trace);
    }

    /**
     * Every stored event once, ending with the session's last one; each step's events in the order of
     * its lifecycle. Events of different steps may arrive live in another order than their seq.
     */
    static void assertSessionStream(List<JsonNode> streamed, List<JsonNode> trace) {
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(trace);
        assertThat(streamed.get(streamed.size() - 1).get("event_type").asText()).startsWith("plan_");
        Map<String, List<String>> byTask = new LinkedHashMap<>();
        for (JsonNode event : streamed) {
            if (!event.get("task_id").isNull()) {
                byTask.computeIfAbsent(event.get("task_id").asText(), t -> new ArrayList<>())
                        .add(event.get("event_type").asText());
            }
        }
        assertThat(byTask).isNotEmpty();
        assertThat(byTask.values()).allSatisfy(events -> assertThat(events).isEqualTo(STEP_LIFECYCLE));
    }

    private static String startDiamondPlan(int delayMs) {
        List<Map<String, Object>> steps = List.of(
                step("a", delayMs, List.of()),
                step("b", delayMs, List.of("a")),
                step("c", delayMs, List.of("a")),
                step("d", delayMs, List.of("b", "c")));
        Api.Reply accepted = api().post("sessions", Map.of("name", "diamond", "steps", steps,
                "execution_mode", "parallel"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("session_id").asText();
    }

    static Map<String, Object> step(String id, int delayMs, List<String> dependencies) {
        return Map.of("id", id, "agent", "echo", "input", Map.of("step", id, "delay_ms", delayMs),
                "dependencies", dependencies);
    }

    private static List<JsonNode> sessionEvents(String id) {
        Api.Reply reply = api().get("sessions/" + id + "/events", "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return list(reply.json());
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event_type").asText()).toList();
    }

    private static URI webSocket(String sessionId) {
        return URI.create(server.baseUri().replaceFirst("^http", "ws") + "ws/sessions/" + sessionId);
    }
}
