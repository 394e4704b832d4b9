package io.agentry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher ({@code java -jar agentry.jar}) in its own process, on free ports and a fresh
 * data directory, as users start it: with the README's command and no JVM options of its own.
 */
final class AgentryServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final Duration timeToReady;

    private AgentryServer(Process process, int httpPort, Path log, Duration timeToReady) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.timeToReady = timeToReady;
    }

    /** The password the benchmark's server gives its admin, as whom the load driver calls the API. */
    static final String ADMIN_PASSWORD = "bench-admin-password";

    /** Starts the launcher with the given extra environment and waits until {@code /health/ready}. */
    static AgentryServer start(Path launcher, Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int httpPort = freePort();
        Path log = workDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", launcher.toAbsolutePath().toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("AGENTRY_"));
        environment.put("AGENTRY_HTTP_PORT", Integer.toString(httpPort));
        environment.put("AGENTRY_BROKER_PORT", Integer.toString(freePort()));
        environment.put("AGENTRY_DATA_DIR", workDir.resolve("data").toString());
        environment.put("AGENTRY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        AgentryServer server = new AgentryServer(process, httpPort, log, Duration.ZERO);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = started + READY_WITHIN.toNanos();
        while (!server.ready(http)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not become ready; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return new AgentryServer(process, httpPort, log, Duration.ofNanos(System.nanoTime() - started));
    }

    private boolean ready(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"database\"")
                    && response.body().contains("\"broker\"");
        } catch (IOException e) {
            return false;
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    URI api() {
        return URI.create(baseUri() + "api/");
    }

    Duration timeToReady() {
        return timeToReady;
    }

    Path log() {
        return log;
    }

    /** Resident set size of the server process, from {@code /proc/<pid>/status}, in MB. */
    long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    /**
     * Bytes of live objects on the server's heap: {@code jcmd <pid> GC.class_histogram}, which runs a
     * full GC first and then sums the objects that survived it (its {@code Total} line). The same
     * whichever collector the server runs, and free of what a heap's committed size says.
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.class_histogram failed: " + out);
        }
        Matcher total = HISTOGRAM_TOTAL.matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in jcmd GC.class_histogram: " + out);
        }
        return Long.parseLong(total.group(1));
    }

    /** SIGTERM, as users stop it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
