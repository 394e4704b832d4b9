package io.agentry.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server and its {@code promtool}, from Debian's {@code prometheus} package: fetched
 * with {@code apt-get download} and unpacked with {@code dpkg -x} into the build directory (no root,
 * no system service), then started on a free port with a configuration that scrapes one target.
 */
final class Prometheus implements AutoCloseable {

    private static final long FETCH_MINUTES = 5;
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private Process process;

    private Prometheus(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** The unpacked package in {@code dir}, fetched there unless it already is; fails saying why it cannot be had. */
    static Path installedIn(Path dir) {
        Path binaries = dir.resolve("root/usr/bin");
        if (Files.isExecutable(binaries.resolve("prometheus")) && Files.isExecutable(binaries.resolve("promtool"))) {
            return binaries;
        }
        try {
            Path debs = Files.createDirectories(dir.resolve("deb"));
            run(debs, FETCH_MINUTES, List.of("apt-get", "download", "prometheus"));
            Path deb;
            try (var files = Files.list(debs)) {
                deb = files.filter(f -> f.getFileName().toString().startsWith("prometheus_")
                        && f.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new AssertionError("apt-get download prometheus left no .deb in " + debs));
            }
            run(dir, FETCH_MINUTES, List.of("dpkg", "-x", deb.toString(), dir.resolve("root").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isExecutable(binaries.resolve("prometheus")) || !Files.isExecutable(binaries.resolve("promtool"))) {
            throw new AssertionError("Debian's prometheus package has no usr/bin/prometheus and usr/bin/promtool");
        }
        return binaries;
    }

    /**
     * Starts Prometheus scraping {@code target} ({@code host:port}, path {@code /metrics}) every second,
     * logging in with HTTP Basic as {@code username}.
     */
    static Prometheus scraping(Path binaries, Path work, String target, String username, String password) {
        Prometheus prometheus = new Prometheus(work, AgentryProcess.freePort());
        try {
            PayaraServer.deleteRecursively(work);
            Files.createDirectories(work);
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: agentry
                        metrics_path: /metrics
                        basic_auth:
                          username: '%s'
                          password: '%s'
                        static_configs:
                          - targets: ['%s']
                    """.formatted(username, password, target));
            prometheus.process = new ProcessBuilder(binaries.resolve("prometheus").toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + prometheus.port)
                    .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("prometheus ready (log: " + work.resolve("prometheus.log") + ")").atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .failFast("prometheus exited", () -> !prometheus.process.isAlive())
                .until(() -> prometheus.ready());
        return prometheus;
    }

    /** The result vector of an instant query ({@code /api/v1/query}). */
    JsonNode query(String promql) {
        JsonNode reply = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(reply.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed: " + reply);
        }
        return reply.path("data").path("result");
    }

    /** The value of a query that gives one series, or {@code null} when it gives none. */
    Double value(String promql) {
        JsonNode result = query(promql);
        if (result.size() > 1) {
            throw new AssertionError("query " + promql + " gave " + result.size() + " series: " + result);
        }
        return result.isEmpty() ? null : result.get(0).path("value").get(1).asDouble();
    }

    /** {@code /api/v1/targets}: what Prometheus says about its targets' scrapes. */
    JsonNode targets() {
        return get("api/v1/targets").path("data").path("activeTargets");
    }

    /** {@code promtool check metrics} on a scrape's text: its report (empty when it found nothing), or a failure. */
    static String checkMetrics(Path binaries, Path work, String text) {
        try {
            Path file = work.resolve("scrape.txt");
            Files.writeString(file, text);
            ProcessBuilder builder = new ProcessBuilder(binaries.resolve("promtool").toString(), "check", "metrics")
                    .redirectInput(file.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("promtool.txt").toFile());
            Process promtool = builder.start();
            if (!promtool.waitFor(1, TimeUnit.MINUTES)) {
                promtool.destroyForcibly();
                throw new AssertionError("promtool check metrics did not finish within a minute");
            }
            String report = Files.readString(work.resolve("promtool.txt"));
            if (promtool.exitValue() != 0) {
                throw new AssertionError("promtool check metrics exited " + promtool.exitValue() + ":\n" + report);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready() {
        try {
            return http("-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode get(String path) {
        try {
            return Api.JSON.readTree(http(path).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> http(String path) throws IOException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/" + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void run(Path dir, long minutes, List<String> command) {
        Path output = dir.resolve("output.txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " min");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Cannot get Prometheus: " + String.join(" ", command) + " exited "
                        + process.exitValue() + ":\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot get Prometheus: " + String.join(" ", command)
                    + " could not run (Debian's apt-get and dpkg are needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
