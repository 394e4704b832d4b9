package io.agentry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark and prints its table. Options (all optional):
 * {@code --tasks N} tasks per throughput run (default 50000), {@code --db h2|postgres|both}
 * (default both), {@code --clients C} concurrent HTTP clients (16), {@code --batch-size B} (100),
 * {@code --messages M} for the Artemis baseline (10000), {@code --launcher path}
 * (server-config/target/agentry.jar), {@code --postgres jdbc:postgresql://127.0.0.1:5432/},
 * {@code --postgres-user postgres}, {@code --queued Q} tasks queued behind a paused agent for the heap
 * per queued task (100000; 0 skips it).
 */
public final class Benchmark {

    /** Tasks run before anything is measured, singly and in batches: the JIT compiler is still busy after fewer. */
    private static final int WARM_UP_TASKS = 1000;
    private static final int WARM_UP_BATCHED = 5000;
    private static final int PLAN_STEPS = 10;
    private static final int PLAN_RUNS = 11;
    /** Plans run before the measured ones: the plan path is code the task runs above did not warm. */
    private static final int PLAN_WARM_UP = 10;
    private static final int BASELINE_CLIENTS = 16;
    private static final long IDLE_SETTLE_SECONDS = 10;
    /** Long enough that the p99 is not decided by a few slow moments (20 s gave 14 and 72 ms for the same code). */
    private static final int LATENCY_SECONDS = 60;
    private static final String ECHO = "echo";

    private final Map<String, String> options;
    private final Map<String, Map<String, String>> table = new LinkedHashMap<>();
    private final List<String> columns = new ArrayList<>();

    private Benchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new Benchmark(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int number(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int tasks = number("tasks", 50_000);
        String db = option("db", "both");
        Path launcher = Path.of(option("launcher", "server-config/target/agentry.jar"));
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build with './mvnw -q -pl bench -am package -DskipTests'");
        }
        Path work = Files.createTempDirectory("agentry-bench");
        System.out.printf("tasks per run: %d, clients: %d, batch size: %d, work dir: %s%n", tasks,
                number("clients", 16), number("batch-size", 100), work);

        int messages = number("messages", 10_000);
        System.out.println("baseline: raw Artemis, " + messages + " messages ...");
        double baseline = ArtemisBaseline.messagesPerSecond(work.resolve("artemis"), messages, BASELINE_CLIENTS,
                BASELINE_CLIENTS);
        System.out.printf("baseline: %.0f msgs/s%n", baseline);

        if (!"postgres".equals(db)) {
            measure("H2 (embedded default)", launcher, work.resolve("h2"), Map.of(), tasks, baseline);
        }
        if (!"h2".equals(db)) {
            try (PostgresDatabase database = PostgresDatabase.create(
                    option("postgres", "jdbc:postgresql://127.0.0.1:5432/"), option("postgres-user", "postgres"))) {
                measure("PostgreSQL", launcher, work.resolve("postgres"),
                        Map.of("AGENTRY_DB_URL", database.url(), "AGENTRY_DB_USER", database.user()), tasks, baseline);
            }
        }
        row("raw Artemis baseline, 16+16 clients, 1 tx per persistent 1 KB msg (msgs/s)", null, "%.0f".formatted(baseline));
        print(tasks);
        // Only a successful run cleans up: after a failure the server logs in the work dir say why.
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void measure(String column, Path launcher, Path work, Map<String, String> env, int tasks, double baseline)
            throws Exception {
        columns.add(column);
        System.out.println(column + ": starting the server ...");
        try (AgentryServer server = AgentryServer.start(launcher, work, env);
                LoadDriver load = new LoadDriver(server.api(), number("clients", 16))) {
            row("time to ready from process start (s)", column, "%.1f".formatted(server.timeToReady().toMillis() / 1000.0));
            TimeUnit.SECONDS.sleep(IDLE_SETTLE_SECONDS);
            row("RSS idle (MB)", column, Long.toString(server.rssMegabytes()));

            System.out.println(column + ": warm-up ...");
            load.singleSubmits(WARM_UP_TASKS);
            load.batchSubmits(WARM_UP_BATCHED, number("batch-size", 100));

            System.out.println(column + ": single submits ...");
            LoadDriver.Throughput singles = load.singleSubmits(tasks);
            double single = singles.completed();
            row("end to end, single submits (tasks/s)", column, "%.0f".formatted(single));
            row("  submit phase alone (tasks/s)", column, "%.0f".formatted(singles.submitted()));
            row("single submits as a share of the Artemis baseline", column, "%.0f %%".formatted(100 * single / baseline));

            System.out.println(column + ": batch submits ...");
            LoadDriver.Throughput batches = load.batchSubmits(tasks, number("batch-size", 100));
            double batch = batches.completed();
            row("end to end, batch submits (tasks/s)", column, "%.0f".formatted(batch));
            row("  batch submit phase alone (tasks/s)", column, "%.0f".formatted(batches.submitted()));
            row("batch submits as a share of the Artemis baseline", column, "%.0f %%".formatted(100 * batch / baseline));

            // Latency tasks are submitted one per request: half of what that path sustains is half its peak.
            double rate = Math.max(1, single / 2);
            int latencyTasks = (int) Math.max(100, Math.min(tasks, rate * LATENCY_SECONDS));
            System.out.printf("%s: dispatch latency, %d tasks at %.0f/s ...%n", column, latencyTasks, rate);
            List<Double> latencies = load.dispatchLatencies(latencyTasks, rate);
            Collections.sort(latencies);
            row("dispatch latency submit → agent start at half the single-submit peak: p50 / p95 / p99 (ms)", column,
                    "%.0f / %.0f / %.0f (at %.0f/s)".formatted(percentile(latencies, 50), percentile(latencies, 95),
                            percentile(latencies, 99), rate));

            System.out.println(column + ": plans ...");
            for (int i = 0; i < PLAN_WARM_UP; i++) {
                load.planOverhead("sequential", PLAN_STEPS);
                load.planOverhead("parallel", PLAN_STEPS);
            }
            row("10-step sequential plan: overhead beyond the steps' work (ms, median of 11)", column,
                    "%.0f".formatted(median(load, "sequential")));
            row("10-wide parallel plan: overhead beyond the longest step (ms, median of 11)", column,
                    "%.0f".formatted(median(load, "parallel")));
            row("RSS after the run (MB)", column, Long.toString(server.rssMegabytes()));

            int queued = number("queued", 100_000);
            if (queued > 0) {
                heapPerQueuedTask(column, server, load, queued);
            }
        }
    }

    /**
     * Pauses the echo agent, submits {@code queued} tasks to it in batches, and divides the growth of
     * the server's live heap (after a full GC, before and after) by their number. Last, because the
     * server is left with that backlog: the agent is resumed, and the server stopped.
     */
    private void heapPerQueuedTask(String column, AgentryServer server, LoadDriver load, int queued) throws Exception {
        System.out.printf("%s: heap per queued task, %d tasks behind the paused echo agent ...%n", column, queued);
        load.pause(ECHO);
        long before = server.liveHeapBytes();
        load.submitBatches(queued, number("batch-size", 100), true);
        load.awaitWaiting(queued, Duration.ofMinutes(10));
        long after = server.liveHeapBytes();
        long parked = load.counts().getOrDefault("paused", 0L);
        String label = "%,d tasks behind a paused agent".formatted(queued);
        row("heap per queued task, " + label + ": live heap growth after a full GC / tasks (bytes)", column,
                "%.0f (%d → %d MB; %d parked)".formatted((after - before) / (double) queued, before >> 20,
                        after >> 20, parked));
        row("RSS with the " + label + " (MB)", column, Long.toString(server.rssMegabytes()));
        try {
            load.resume(ECHO, Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            System.out.println(column + ": resuming the echo agent did not answer in time (" + e.getMessage()
                    + "); stopping the server with its backlog");
        }
    }

    private static double median(LoadDriver load, String mode) throws Exception {
        List<Double> overheads = new ArrayList<>();
        for (int i = 0; i < PLAN_RUNS; i++) {
            overheads.add(load.planOverhead(mode, PLAN_STEPS));
        }
        Collections.sort(overheads);
        return overheads.get(overheads.size() / 2);
    }

    private static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private void row(String metric, String column, String value) {
        table.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(column == null ? "*" : column, value);
    }

    private void print(int tasks) {
        StringBuilder out = new StringBuilder("\n| metric (N = " + tasks + ") |");
        columns.forEach(column -> out.append(' ').append(column).append(" |"));
        out.append("\n|---|");
        columns.forEach(column -> out.append("---|"));
        table.forEach((metric, values) -> {
            out.append("\n| ").append(metric).append(" |");
            for (String column : columns) {
                out.append(' ').append(values.getOrDefault(column, values.getOrDefault("*", ""))).append(" |");
            }
        });
        System.out.println(out);
    }
}
