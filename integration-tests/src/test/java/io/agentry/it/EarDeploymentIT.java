package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the EAR is a real deliverable, not only a build artifact: Payara Micro cannot deploy an
 * EAR, so this deploys {@code agentry.ear} on Payara Server 6 full, in a fresh domain, after the
 * Artemis RAR and the resources created by the very asadmin commands the launcher runs
 * ({@code agentry-resources.asadmin}), against a broker in this JVM and an H2 file database, and
 * runs one task through REST, JMS, the echo MDB and JPA.
 */
class EarDeploymentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

    private static EmbeddedActiveMQ broker;
    private static PayaraServer payara;
    private static Api api;

    @BeforeAll
    static void deploy() throws Exception {
        Path work = Path.of(System.getProperty("agentry.it.work", "target/it")).toAbsolutePath();
        Path ear = existing("agentry.ear", "../ear/target/agentry.ear");
        Path rar = existing("agentry.rar", "../server-config/target/artemis-ra.rar");
        Path template = existing("agentry.it.resources", "../server-config/src/main/resources/agentry-resources.asadmin");
        Path database = work.resolve("ear-db");
        PayaraServer.deleteRecursively(database);

        int brokerPort = AgentryProcess.freePort();
        broker = new EmbeddedActiveMQ().setConfiguration(brokerConfiguration(brokerPort, work.resolve("ear-broker")));
        broker.start();

        payara = new PayaraServer(Path.of(System.getProperty("agentry.it.payara.home", "target/payara-server/payara6")),
                work.resolve("payara-domains"), "agentry-it", work.resolve("ear-asadmin.log"));
        payara.createDomain();
        payara.start();
        payara.asadmin("create-system-properties", "agentry.agents.echo.concurrency=2");
        for (List<String> command : resourceCommands(template, Map.of(
                "ra.properties", "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"
                        + ":ConnectionParameters=host\\=127.0.0.1;port\\=" + brokerPort + ":ConsumerWindowSize=0",
                "rar.path", rar.toString(),
                "db.datasource", "org.h2.jdbcx.JdbcDataSource",
                "db.properties", "URL=" + escape("jdbc:h2:file:" + database.resolve("agentry") + ";DB_CLOSE_ON_EXIT=FALSE")))) {
            payara.asadmin(command);
        }
        payara.asadmin("deploy", "--name", "agentry", ear.toString());
        api = new Api(URI.create("http://127.0.0.1:" + payara.httpPort() + "/api/"));
    }

    @AfterAll
    static void undeploy() throws Exception {
        try {
            if (payara != null) {
                payara.close();
            }
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    @Test
    void theEarRunsATaskFromRestThroughTheBrokerAndTheEchoAgentToTheDatabase() {
        Api health = new Api(URI.create("http://127.0.0.1:" + payara.httpPort() + "/"));
        await("/health/ready answers 200 with the database and broker checks (logs: " + payara.log() + ", "
                + payara.serverLog() + ")")
                .atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> health.get("health/ready"), ready -> ready.status() == 200
                        && ready.body().contains("\"database\"") && ready.body().contains("\"broker\""));

        assertThat(api.get("agents").json().get("agents").findValuesAsText("name"))
                .as("agents listed by the EAR (server log: %s)", payara.serverLog())
                .contains("echo");

        Api.Reply accepted = api.post("tasks", "{\"agent\":\"echo\",\"payload\":{\"x\":1},\"priority\":5}");
        assertThat(accepted.status()).as("POST /api/tasks: %s (server log: %s)", accepted.body(), payara.serverLog())
                .isEqualTo(202);
        String id = accepted.json().get("task_id").asText();

        await("task " + id + " completed (server log: " + payara.serverLog() + ")")
                .atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> api.status(id), "completed"::equals);
        JsonNode task = api.task(id);
        assertThat(task.get("result")).isEqualTo(Api.JSON.createObjectNode().put("x", 1));
    }

    /** The broker Payara's resource adapter connects to, with the addresses of agentry-broker.xml. */
    private static Configuration brokerConfiguration(int port, Path dataDir) throws Exception {
        AddressSettings tasks = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("agentry.tasks.DLQ"))
                .setMaxDeliveryAttempts(5)
                .setRedeliveryDelay(1000)
                .setAutoCreateDeadLetterResources(false);
        return new ConfigurationImpl()
                .setName("agentry-ear-it")
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .addAcceptorConfiguration("agentry", "tcp://127.0.0.1:" + port + "?protocols=CORE")
                .addAddressSetting("agentry.tasks", tasks)
                .addAddressConfiguration(anycast("agentry.tasks"))
                .addAddressConfiguration(anycast("agentry.tasks.DLQ"))
                .addAddressConfiguration(new CoreAddressConfiguration().setName("agentry.events")
                        .addRoutingType(RoutingType.MULTICAST));
    }

    private static CoreAddressConfiguration anycast(String name) {
        return new CoreAddressConfiguration().setName(name).addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST));
    }

    /**
     * The launcher's command file with its placeholders filled, split into words as the launcher
     * splits it (ServerResources and Agentry.createResources), so this test creates the same resources.
     */
    private static List<List<String>> resourceCommands(Path template, Map<String, String> values) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        for (String line : Files.readAllLines(template)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(trimmed);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("No value for ${" + m.group(1) + "} in " + template);
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            commands.add(Arrays.asList(filled.toString().split("\\s+")));
        }
        assertThat(commands).as("commands in %s", template).isNotEmpty();
        return commands;
    }

    /** asadmin separates properties with ':' and names from values with '=' (as ServerResources.escape). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static Path existing(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build the project through 'package' first");
        }
        if (path.toString().matches(".*\\s.*")) {
            throw new IllegalStateException(path + " contains whitespace, on which the asadmin command lines are split");
        }
        return path;
    }
}
