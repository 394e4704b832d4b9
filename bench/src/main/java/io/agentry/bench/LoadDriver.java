package io.agentry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one server over its REST API as clients would: concurrent submits, polling of the task
 * counts, and reading back the timestamps the server recorded.
 */
final class LoadDriver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);
    /**
     * Counts are polled at least this often near the end of a wait, so its end is seen within it, and
     * at most this seldom while much is left: each poll counts the whole task table, work the server
     * would otherwise spend on tasks (at 100,000 rows, every 250 ms took a tenth of its CPU).
     */
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SLOWEST_POLL = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * How often a running plan is looked at. Its overhead is the server's own {@code duration_ms}, so
     * looking more often only takes CPU from the hops it measures (every 5 ms nearly doubled it on 2 cores).
     */
    private static final Duration PLAN_POLL = Duration.ofMillis(50);

    private final URI api;
    private final int clients;
    private final ExecutorService pool;
    private final HttpClient http;
    /** HTTP Basic as the server's admin: the cost of authenticating is part of what is measured. */
    private final String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("admin:" + AgentryServer.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    LoadDriver(URI api, int clients) {
        this.api = api;
        this.clients = clients;
        this.pool = Executors.newFixedThreadPool(clients);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Tasks/s while submitting (until the last answer) and end to end (until the last is completed). */
    record Throughput(double submitted, double completed) {
    }

    /** Submits {@code tasks} echo tasks one per request from all clients. */
    Throughput singleSubmits(int tasks) throws Exception {
        long completedBefore = completed();
        AtomicInteger left = new AtomicInteger(tasks);
        long start = System.nanoTime();
        runClients(() -> {
            while (left.getAndDecrement() > 0) {
                expect(202, post("tasks", echoTask(3)));
            }
        });
        double submitted = tasks / seconds(start);
        awaitCompleted(completedBefore + tasks);
        return new Throughput(submitted, tasks / seconds(start));
    }

    /** The same through {@code POST /api/tasks/batch}, {@code batchSize} tasks per request. */
    Throughput batchSubmits(int tasks, int batchSize) throws Exception {
        long completedBefore = completed();
        long start = System.nanoTime();
        submitBatches(tasks, batchSize, false);
        double submitted = tasks / seconds(start);
        awaitCompleted(completedBefore + tasks);
        return new Throughput(submitted, tasks / seconds(start));
    }

    /**
     * Submits {@code tasks} echo tasks through {@code POST /api/tasks/batch} from all clients, priorities
     * 1-5, and returns once every batch is accepted (not run). With {@code waitOutFullQueue} a batch
     * refused with 503 (the queue's bound) is sent again after its {@code Retry-After}; otherwise that
     * ends the run.
     */
    void submitBatches(int tasks, int batchSize, boolean waitOutFullQueue) throws Exception {
        AtomicInteger left = new AtomicInteger(tasks);
        runClients(() -> {
            int size;
            while ((size = take(left, batchSize)) > 0) {
                ObjectNode batch = JSON.createObjectNode();
                ArrayNode items = batch.putArray("tasks");
                for (int i = 0; i < size; i++) {
                    items.add(echoTask(i % 5 + 1));
                }
                HttpResponse<String> response = post("tasks/batch", batch);
                while (waitOutFullQueue && response.statusCode() == 503) {
                    sleepSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1));
                    response = post("tasks/batch", batch);
                }
                JsonNode answer = expect(200, response);
                if (answer.get("accepted").asInt() != size) {
                    throw new IllegalStateException("batch partly refused: " + answer);
                }
            }
        });
    }

    /** {@code POST /api/agents/{agent}/pause}: its tasks are accepted but parked, not run. */
    void pause(String agent) {
        expect(200, send(request("agents/" + agent + "/pause", HttpRequest.BodyPublishers.noBody(), TIMEOUT)));
    }

    /**
     * {@code POST /api/agents/{agent}/resume}, which queues the agent's parked tasks again before it
     * answers, so it may take a while: {@code within} bounds it.
     */
    void resume(String agent, Duration within) {
        expect(200, send(request("agents/" + agent + "/resume", HttpRequest.BodyPublishers.noBody(), within)));
    }

    /** Tasks per status, as {@code GET /api/tasks/counts} says. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        expect(200, get("tasks/counts")).fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asLong()));
        return counts;
    }

    /**
     * Submits {@code tasks} at a steady {@code perSecond} (open loop: a slow answer does not slow the
     * arrivals) and returns each task's submit → agent start time in ms, from the server's own
     * {@code created_at} and {@code started_at}.
     */
    List<Double> dispatchLatencies(int tasks, double perSecond) throws Exception {
        long completedBefore = completed();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        for (int i = 0; i < tasks; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            answers.add(http.sendAsync(request("tasks", echoTask(3)), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            ids.add(expect(202, answer.get()).get("task_id").asText());
        }
        awaitCompleted(completedBefore + tasks);
        List<Future<Double>> latencies = new ArrayList<>();
        for (String id : ids) {
            latencies.add(pool.submit(() -> {
                JsonNode task = expect(200, get("tasks/" + id));
                Duration latency = Duration.between(Instant.parse(task.get("created_at").asText()),
                        Instant.parse(task.get("started_at").asText()));
                return latency.toNanos() / 1e6;
            }));
        }
        List<Double> result = new ArrayList<>();
        for (Future<Double> latency : latencies) {
            result.add(latency.get());
        }
        return result;
    }

    /**
     * Runs a plan of {@code steps} no-op echo steps and returns the orchestration time beyond the
     * agents' own work, in ms: the session's duration minus the steps' execution times (their sum
     * when sequential, the longest when parallel).
     */
    double planOverhead(String mode, int steps) throws Exception {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("name", "bench-" + mode);
        plan.put("execution_mode", mode);
        ArrayNode list = plan.putArray("steps");
        for (int i = 0; i < steps; i++) {
            ObjectNode step = list.addObject();
            step.put("id", "s" + i);
            step.put("agent", "echo");
            step.putObject("input").put("step", i);
        }
        String id = expect(202, post("sessions", plan)).get("session_id").asText();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        JsonNode session;
        while (!"completed".equals((session = expect(200, get("sessions/" + id))).get("status").asText())) {
            if (System.nanoTime() > deadline || !"running".equals(session.get("status").asText())) {
                throw new IllegalStateException("plan did not complete: " + session);
            }
            TimeUnit.MILLISECONDS.sleep(PLAN_POLL.toMillis());
        }
        double work = 0;
        for (JsonNode step : session.get("steps")) {
            double ms = step.get("execution_time").asDouble() * 1000;
            work = "parallel".equals(mode) ? Math.max(work, ms) : work + ms;
        }
        return session.get("duration_ms").asDouble() - work;
    }

    /** Completed tasks, as {@code GET /api/tasks/counts} says. */
    long completed() {
        return counts().getOrDefault("completed", 0L);
    }

    private void awaitCompleted(long target) throws InterruptedException {
        awaitCounts(counts -> target - counts.getOrDefault("completed", 0L),
                counts -> counts.getOrDefault("failed", 0L) + counts.getOrDefault("dead", 0L) > 0,
                GIVE_UP_AFTER, "tasks did not all complete");
    }

    /** Waits until {@code tasks} are accepted and not yet run: on the queue, or parked for their paused agent. */
    void awaitWaiting(long tasks, Duration within) throws InterruptedException {
        awaitCounts(counts -> tasks - counts.getOrDefault("queued", 0L) - counts.getOrDefault("paused", 0L),
                counts -> false, within, "the queued tasks are not all accepted");
    }

    private void awaitCounts(ToLongFunction<Map<String, Long>> left, Predicate<Map<String, Long>> failed,
            Duration within, String giveUp) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        long leftAtStart = -1;
        while (true) {
            Map<String, Long> counts = counts();
            long remaining = left.applyAsLong(counts);
            if (remaining <= 0) {
                return;
            }
            if (failed.test(counts) || System.nanoTime() > deadline) {
                throw new IllegalStateException(giveUp + ": " + counts);
            }
            if (leftAtStart < 0) {
                leftAtStart = remaining;
            }
            TimeUnit.NANOSECONDS.sleep(nextPoll(leftAtStart - remaining, remaining,
                    Duration.ofNanos(System.nanoTime() - start)).toNanos());
        }
    }

    /**
     * When to look again, given the progress since the wait began: after a quarter of the time the
     * rest takes at the rate so far, within {@link #POLL} and {@link #SLOWEST_POLL}. A run that speeds
     * up fourfold is still seen ending within {@code POLL} of its end.
     */
    static Duration nextPoll(long done, long remaining, Duration elapsed) {
        if (done <= 0) {
            return POLL;
        }
        long quarterOfRest = (long) (0.25 * remaining * elapsed.toNanos() / done);
        return Duration.ofNanos(Math.max(POLL.toNanos(), Math.min(SLOWEST_POLL.toNanos(), quarterOfRest)));
    }

    private void runClients(Runnable client) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(client));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    private static int take(AtomicInteger left, int most) {
        while (true) {
            int now = left.get();
            int size = Math.min(now, most);
            if (size <= 0 || left.compareAndSet(now, now - size)) {
                return Math.max(size, 0);
            }
        }
    }

    private static ObjectNode echoTask(int priority) {
        ObjectNode task = JSON.createObjectNode();
        task.put("agent", "echo");
        task.putObject("payload").put("n", 1);
        task.put("priority", priority);
        return task;
    }

    private HttpResponse<String> post(String path, JsonNode body) {
        return send(request(path, body));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization).GET().build());
    }

    private HttpRequest request(String path, JsonNode body) {
        return request(path, HttpRequest.BodyPublishers.ofString(body.toString()), TIMEOUT);
    }

    private HttpRequest request(String path, HttpRequest.BodyPublisher body, Duration timeout) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(body).build();
    }

    private static void sleepSeconds(long seconds) {
        try {
            TimeUnit.SECONDS.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
