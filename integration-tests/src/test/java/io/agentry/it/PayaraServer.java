package io.agentry.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Payara Server 6 (full) domain of its own, driven only through {@code asadmin} as an operator
 * drives it: created on a free port range under the test's work directory, started, stopped and
 * deleted. Every asadmin call is bounded in time and appends its output to one log file, so a
 * failure names the command, shows its output and says where the rest is.
 */
final class PayaraServer implements AutoCloseable {

    /** create-domain --portbase uses offsets up to +86 (admin +48, Hazelcast +49 and +59, HTTP +80, JMX +86). */
    private static final int PORT_RANGE = 100;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final Path domainsDir;
    private final String domain;
    private final Path log;
    private int portBase;
    private boolean started;

    PayaraServer(Path home, Path domainsDir, String domain, Path log) {
        if (!Files.isRegularFile(home.resolve("glassfish/lib/client/appserver-cli.jar"))) {
            throw new IllegalStateException(home + " is not a Payara Server installation: run through 'verify',"
                    + " whose pre-integration-test phase unpacks it");
        }
        this.home = home.toAbsolutePath();
        this.domainsDir = domainsDir.toAbsolutePath();
        this.domain = domain;
        this.log = log.toAbsolutePath();
    }

    /** Creates the domain (replacing one a killed run left behind) on a port range nothing listens on. */
    void createDomain() {
        try {
            Files.createDirectories(log.getParent());
            deleteRecursively(domainsDir.resolve(domain));
            Files.deleteIfExists(serverLog());
            Files.createDirectories(domainsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        portBase = freePortBase();
        asadminLocal("create-domain", "--nopassword", "--checkports=true", "--portbase", Integer.toString(portBase),
                "--domaindir", domainsDir.toString(), domain);
    }

    void start() {
        started = true;
        asadminLocal("start-domain", "--domaindir", domainsDir.toString(), domain);
    }

    /** Runs a remote command against the running domain and returns its output; fails with it otherwise. */
    String asadmin(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort()),
                "--user", "admin", "--interactive=false"));
        command.addAll(arguments);
        return run(command);
    }

    String asadmin(String... arguments) {
        return asadmin(List.of(arguments));
    }

    int httpPort() {
        return portBase + 80;
    }

    int adminPort() {
        return portBase + 48;
    }

    Path log() {
        return log;
    }

    /** Where the domain's server.log is kept once {@link #close()} has deleted the domain. */
    Path serverLog() {
        return log.resolveSibling(domain + "-server.log");
    }

    private Path liveServerLog() {
        return domainsDir.resolve(domain).resolve("logs").resolve("server.log");
    }

    /**
     * Stops the domain (killing its process by the id in its pid file if stop-domain fails), keeps a
     * copy of its server.log next to the asadmin log and deletes the domain.
     */
    @Override
    public void close() {
        if (portBase == 0) {
            return;
        }
        AssertionError failure = null;
        if (started) {
            try {
                asadminLocal("stop-domain", "--domaindir", domainsDir.toString(), domain);
            } catch (AssertionError e) {
                failure = e;
                killByPidFile();
            }
            started = false;
        }
        try {
            if (Files.isRegularFile(liveServerLog())) {
                Files.copy(liveServerLog(), serverLog(), StandardCopyOption.REPLACE_EXISTING);
            }
            asadminLocal("delete-domain", "--domaindir", domainsDir.toString(), domain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AssertionError e) {
            if (failure == null) {
                failure = e;
            }
        }
        portBase = 0;
        if (failure != null) {
            throw failure;
        }
    }

    private void killByPidFile() {
        Path pidFile = domainsDir.resolve(domain).resolve("config").resolve("pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            if (server.isPresent()) {
                server.get().destroyForcibly();
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not kill the domain's server by " + pidFile, e);
        }
    }

    private String asadminLocal(String... arguments) {
        return run(List.of(arguments));
    }

    /** Runs asadmin with the test's own JDK; returns its output, fails with it on a non-zero exit or a timeout. */
    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", home.resolve("glassfish/lib/client/appserver-cli.jar").toString()));
        command.addAll(arguments);
        String shown = String.join(" ", arguments);
        try {
            long start = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, System.lineSeparator() + "$ asadmin " + shown + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(log.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("AS_JAVA", System.getProperty("java.home"));
            Process process = builder.start();
            boolean finished = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            String output = readFrom(start);
            if (!finished) {
                throw new AssertionError("asadmin " + shown + " did not finish within " + COMMAND_TIMEOUT
                        + " (log: " + log + ", server log: " + serverLog() + "):" + System.lineSeparator() + output);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("asadmin " + shown + " failed with exit code " + process.exitValue()
                        + " (log: " + log + ", server log: " + serverLog() + "):" + System.lineSeparator() + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running asadmin " + shown, e);
        }
    }

    private String readFrom(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * A multiple of 100 from 10000 to 32600 whose whole range of ports can be bound right now (below
     * Linux's ephemeral ports, so outgoing connections do not take them later).
     */
    private static int freePortBase() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 100 + random.nextInt(227);
            if (rangeIsFree(base * PORT_RANGE)) {
                return base * PORT_RANGE;
            }
        }
        throw new IllegalStateException("found no free range of " + PORT_RANGE + " ports for a Payara domain");
    }

    private static boolean rangeIsFree(int base) {
        for (int port = base; port < base + PORT_RANGE; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
