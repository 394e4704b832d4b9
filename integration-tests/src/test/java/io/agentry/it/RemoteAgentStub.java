package io.agentry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real remote agent on a free port: {@code POST /run} answers the task's payload (or fails, or
 * hangs, as told) and {@code GET /health} answers 200 or 503. It records every call.
 */
final class RemoteAgentStub implements AutoCloseable {

    /** How the agent answers a task. */
    enum Mode { OK, FAIL, HANG }

    /** One call: its idempotency key, the task body, and the trace context it came with (if any). */
    record Call(String idempotencyKey, JsonNode body, String traceparent) {
    }

    private final HttpServer server;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private volatile boolean healthy = true;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    RemoteAgentStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/run", this::run);
        server.createContext("/health", this::health);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/run";
    }

    RemoteAgentStub mode(Mode next) {
        mode.set(next);
        return this;
    }

    RemoteAgentStub healthy(boolean next) {
        healthy = next;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int healthChecks() {
        return healthChecks.get();
    }

    private void run(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = Api.JSON.readTree(exchange.getRequestBody());
            calls.add(new Call(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body,
                    exchange.getRequestHeaders().getFirst("traceparent")));
            switch (mode.get()) {
                case OK -> answer(exchange, 200, Api.JSON.writeValueAsString(body.get("payload")));
                case FAIL -> answer(exchange, 503, "{\"error\":\"down for the test\"}");
                case HANG -> {
                    release.await(120, TimeUnit.SECONDS);
                    answer(exchange, 200, Api.JSON.writeValueAsString(body.get("payload")));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            healthChecks.incrementAndGet();
            answer(exchange, healthy ? 200 : 503, healthy ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
