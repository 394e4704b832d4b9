package io.agentry.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The real server, started as users start it ({@code java -jar agentry.jar}) in its own process,
 * on free ports and its own data directory.
 */
public final class AgentryProcess implements AutoCloseable {

    /** How long a start may take; more on a machine shared by parallel builds. */
    private static final Duration READY_WITHIN =
            Duration.ofSeconds(Long.getLong("agentry.it.ready-within-seconds", 180));

    private final String name;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int brokerPort;
    private final Map<String, String> env;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;
    private volatile String lastReadiness = "no answer";
    private OptionalInt exitValue = OptionalInt.empty();

    private AgentryProcess(String name, Map<String, String> env) {
        this.name = name;
        Path work = Path.of(System.getProperty("agentry.it.work", "target/it"));
        this.dataDir = work.resolve(name).resolve("data");
        this.log = work.resolve(name + ".log");
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.env = env;
    }

    /**
     * A server on the embedded defaults (embedded broker, H2), plus the given environment, with an
     * empty data directory; starting it again after {@link #stop()} keeps its data.
     */
    public static AgentryProcess embedded(String name, Map<String, String> env) {
        AgentryProcess server = new AgentryProcess(name, env);
        deleteRecursively(server.dataDir);
        return server;
    }

    private static void deleteRecursively(Path dir) {
        try {
            PayaraServer.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds options for the server's JVM (system properties, agents), given before {@code -jar}. */
    public AgentryProcess withJvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Starts the server and waits until {@code /health} says it is ready. */
    public AgentryProcess start() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", launcher().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dataDir.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("AGENTRY_"));
            environment.put("AGENTRY_HTTP_PORT", Integer.toString(httpPort));
            environment.put("AGENTRY_BROKER_PORT", Integer.toString(brokerPort));
            environment.put("AGENTRY_DATA_DIR", dataDir.toString());
            environment.put("AGENTRY_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
            // The tests' remote agents and webhook receivers listen on this machine; a test may say otherwise.
            environment.put("AGENTRY_OUTBOUND_ALLOW_LOOPBACK", "true");
            environment.putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            await("server " + name + " ready (log: " + log + ")")
                    .atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("server process exited", () -> !process.isAlive())
                    .until(() -> ready(http));
        } catch (RuntimeException | AssertionError e) {
            exitValue = process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
            // A server that never became ready must not outlive the test that gave up on it.
            kill();
            throw new AssertionError("server " + name + " not ready; /health/ready last answered: " + lastReadiness, e);
        }
        return this;
    }

    private boolean ready(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            lastReadiness = response.statusCode() + " " + response.body();
            return response.statusCode() == 200 && response.body().contains("\"database\"")
                    && response.body().contains("\"broker\"");
        } catch (IOException e) {
            lastReadiness = e.toString();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGTERM, as Ctrl-C or a process manager would, and waits for the process to end. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException("server " + name + " ignored SIGTERM for 90 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the process at once (SIGKILL), as a crash would: nothing shuts down, nothing is committed. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            if (!process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server " + name + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The status the process exited with by itself during its last start, if it did. */
    public OptionalInt exitValue() {
        return exitValue;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUri() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    public Api api() {
        return new Api(URI.create(baseUri() + "api/"));
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path log() {
        return log;
    }

    private static Path launcher() {
        Path jar = Path.of(System.getProperty("agentry.launcher", "../server-config/target/agentry.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build through 'package' first");
        }
        return jar.toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environment entries, in order. */
    public static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }
}
