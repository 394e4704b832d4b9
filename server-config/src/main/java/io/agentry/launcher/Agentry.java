package io.agentry.launcher;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.AdminCommandRunner;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Starts Agentry: the embedded Artemis broker (unless {@code AGENTRY_BROKER_URL} names one), then
 * Payara Micro with the resource adapter, the JMS and JDBC resources and the application. On
 * SIGTERM or Ctrl-C it stops Payara first, so in-flight agent work finishes or returns to the
 * queue, and the broker last.
 */
public final class Agentry {

    private static final Logger LOG = Logger.getLogger(Agentry.class.getName());

    /** Pool-size keys of the message-driven beans, with their defaults. */
    private static final Map<String, Integer> CONCURRENCY = Map.of(
            "agentry.agents.echo.concurrency", 4,
            // One pool calls every remote agent; its calls mostly wait on the network.
            "agentry.remote-agents.concurrency", 16);
    private static final List<String> NETTY_ARENAS = List.of("io.netty.allocator.numDirectArenas",
            "io.netty.allocator.numHeapArenas");
    private static final String APPLICATION = "agentry";
    private static final String PAYARA_HOOK = "Payara Micro Shutdown Hook";
    private static final String TASK_QUEUE = "agentry.tasks";
    private static final Duration PAYARA_HOOK_APPEARS = Duration.ofSeconds(2);
    private static final Duration PAYARA_STOPS = Duration.ofSeconds(120);
    private static final Duration HOOK_POLL = Duration.ofMillis(20);
    /** Held here: the log manager keeps loggers only weakly, and would forget the level. */
    private static final Logger AUDIT_LOG = Logger.getLogger("org.apache.activemq.audit");

    private Agentry() {
    }

    public static void main(String[] args) {
        try {
            start();
        } catch (Exception e) {
            // Payara leaves threads behind (the resource adapter's activations retry for a minute)
            // that would keep a server that failed to start alive; it must end at once, and say so.
            LOG.log(Level.SEVERE, "Agentry did not start", e);
            System.exit(1);
        }
    }

    private static void start() throws Exception {
        Settings settings = Settings.from(System.getProperties(), System.getenv());
        File logProperties = settings.logFormat() == Settings.LogFormat.JSON ? JsonLogging.install() : null;
        Path home = home();
        Path war = home.resolve("agentry.war");
        Path rar = home.resolve("artemis-ra.rar");
        for (Path required : List.of(war, rar)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing; build with ./mvnw package");
            }
        }
        Files.createDirectories(settings.dataDir());
        setAgentConcurrency(settings);
        oneNettyArena();

        EmbeddedActiveMQ broker = settings.embeddedBroker() ? startBroker(settings) : null;
        PayaraMicroRuntime runtime;
        try {
            PayaraMicro micro = PayaraMicro.getInstance();
            if (logProperties != null) {
                micro.setLogPropertiesFile(logProperties);
            }
            runtime = micro
                    .setHttpPort(settings.httpPort())
                    .setNoCluster(!settings.cluster())
                    .setPrintLogo(false)
                    .addLibrary(postgresDriver(home))
                    .setPostBootHandler(commands -> createResources(commands, settings, rar))
                    .addDeploymentFile(war.toFile())
                    .bootStrap();
        } catch (BootstrapException | RuntimeException e) {
            stop(broker);
            throw e;
        }
        if (!runtime.getDeployedApplicationNames().contains(APPLICATION)) {
            runtime.shutdown();
            stop(broker);
            throw new IllegalStateException("The application did not deploy; the log above says why");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Agentry is stopping");
            holdDeliveries(broker);
            awaitPayaraStopped(runtime);
            stop(broker);
        }, "agentry-shutdown"));
        StartupHeap.release();
        LOG.info(() -> "Agentry is up on http://localhost:" + settings.httpPort() + "/api (data in "
                + settings.dataDir() + ", broker " + settings.brokerHost() + ":" + settings.brokerPort() + ")");
    }

    /**
     * Payara Micro stops itself from a shutdown hook of its own, which the JVM runs at the same time
     * as ours. The broker may stop only after it: undeploying the agents needs the broker to return
     * their in-flight messages. So this waits for Payara's hook, and stops Payara itself only when
     * that hook never shows up.
     */
    private static void awaitPayaraStopped(PayaraMicroRuntime runtime) {
        long giveUp = System.nanoTime() + PAYARA_HOOK_APPEARS.toNanos();
        try {
            while (System.nanoTime() < giveUp) {
                Thread payaraHook = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> PAYARA_HOOK.equals(t.getName()))
                        .findFirst().orElse(null);
                if (payaraHook != null) {
                    payaraHook.join(PAYARA_STOPS.toMillis());
                    return;
                }
                Thread.sleep(HOOK_POLL.toMillis());
            }
            runtime.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BootstrapException | RuntimeException e) {
            LOG.log(Level.WARNING, "Payara Micro did not stop cleanly", e);
        }
    }

    /**
     * Stops the embedded broker from handing out task messages while Payara undeploys the agents: a
     * delivery racing with undeployment could be taken without being run. Messages stay queued;
     * the pause is not persisted, so the next start delivers them.
     */
    private static void holdDeliveries(EmbeddedActiveMQ broker) {
        if (broker == null) {
            return;
        }
        var tasks = broker.getActiveMQServer().locateQueue(TASK_QUEUE);
        if (tasks != null) {
            tasks.pause();
        }
    }

    private static EmbeddedActiveMQ startBroker(Settings settings) throws Exception {
        System.setProperty("agentry.broker.data", settings.brokerDataDir().toString());
        System.setProperty("agentry.broker.host", settings.brokerHost());
        System.setProperty("agentry.broker.port", Integer.toString(settings.brokerPort()));
        AUDIT_LOG.setLevel(Level.WARNING);
        // Written out on every start: Artemis watches its configuration as a file.
        Path config = settings.brokerDataDir().resolve("agentry-broker.xml");
        Files.createDirectories(config.getParent());
        try (var in = Agentry.class.getResourceAsStream("/agentry-broker.xml")) {
            Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(config.toUri().toString());
        broker.start();
        LOG.info(() -> "Embedded Artemis broker listening on " + settings.brokerHost() + ":" + settings.brokerPort());
        return broker;
    }

    private static void stop(EmbeddedActiveMQ broker) {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The embedded broker did not stop cleanly", e);
        }
    }

    private static void createResources(AdminCommandRunner runner, Settings settings, Path rar) {
        List<String> commands = new ArrayList<>();
        // Artemis logs every message it moves on its audit loggers, which its own logging setup keeps quiet.
        commands.add("set-log-levels " + AUDIT_LOG.getName() + "=WARNING");
        commands.addAll(ServerResources.commands(settings, rar));
        for (String command : commands) {
            String[] words = command.split("\\s+");
            ClusterCommandResult result = runner.run(words[0], Arrays.copyOfRange(words, 1, words.length));
            if (result.getExitStatus() == ClusterCommandResult.ExitStatus.FAILURE) {
                throw new IllegalStateException("'" + words[0] + "' failed: " + result.getOutput(),
                        result.getFailureCause());
            }
        }
    }

    /**
     * The activation configs of the agent beans read their pool size from system properties
     * ({@code agentry.agents.<name>.concurrency}, {@code agentry.remote-agents.concurrency}); each
     * defaults here when neither a system property nor its environment variable
     * ({@code AGENTRY_AGENTS_<NAME>_CONCURRENCY}, ...) sets it.
     */
    private static void setAgentConcurrency(Settings settings) {
        Settings.Lookup lookup = new Settings.Lookup(System.getProperties(), System.getenv());
        CONCURRENCY.forEach((key, fallback) -> System.setProperty(key, Integer.toString(lookup.integer(key, fallback))));
    }

    /**
     * Netty, the transport of the embedded broker and of the resource adapter, pools its buffers in
     * arenas, two per core by default, each keeping 4 MB chunks once it has used them: 18 MB of direct
     * memory on an idle server on two cores, 5 MB with one arena of each kind (measured). The broker's
     * connections are few and local, so one arena does. Set before any Netty class is loaded; a value
     * given as a system property is kept.
     */
    private static void oneNettyArena() {
        for (String key : NETTY_ARENAS) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "1");
            }
        }
    }

    private static File postgresDriver(Path home) throws IOException {
        try (var files = Files.list(home.resolve("lib"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("postgresql-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The PostgreSQL driver is missing from lib/"))
                    .toFile();
        }
    }

    private static Path home() throws URISyntaxException {
        return Path.of(Agentry.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
