package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import io.agentry.launcher.ServerResources;
import io.agentry.launcher.Settings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the EAR is a real deliverable, not only a build artifact: Payara Micro cannot deploy an
 * EAR, so this deploys {@code agentry.ear} on Payara Server 6 full, in a fresh domain, after the
 * Artemis RAR and the resources created by the very asadmin commands the launcher runs
 * ({@link ServerResources}), against a broker in this JVM with the launcher's broker configuration
 * and an H2 file database, and
 * runs one task through REST, JMS, the echo MDB and JPA.
 */
class EarDeploymentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedActiveMQ broker;
    private static PayaraServer payara;
    private static Api api;

    @BeforeAll
    static void deploy() throws Exception {
        Path work = Path.of(System.getProperty("agentry.it.work", "target/it")).toAbsolutePath();
        Path ear = existing("agentry.ear", "../ear/target/agentry.ear");
        Path rar = existing("agentry.rar", "../server-config/target/artemis-ra.rar");
        Path data = work.resolve("ear-data");
        PayaraServer.deleteRecursively(data);
        int brokerPort = AgentryProcess.freePort();
        Settings settings = Settings.from(new Properties(), Map.of(
                "AGENTRY_DATA_DIR", data.toString(),
                "AGENTRY_BROKER_URL", "tcp://127.0.0.1:" + brokerPort));

        // The launcher's own broker configuration, here as the standalone broker of the full server.
        System.setProperty("agentry.broker.data", settings.brokerDataDir().toString());
        System.setProperty("agentry.broker.port", Integer.toString(brokerPort));
        broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath("agentry-broker.xml");
        broker.start();

        payara = new PayaraServer(Path.of(System.getProperty("agentry.it.payara.home", "target/payara-server/payara6")),
                work.resolve("payara-domains"), "agentry-it", work.resolve("ear-asadmin.log"));
        payara.createDomain();
        payara.start();
        payara.asadmin("create-system-properties",
                "agentry.agents.echo.concurrency=2:agentry.remote-agents.concurrency=2:agentry.admin.password="
                        + Api.ADMIN_PASSWORD);
        for (String command : ServerResources.commands(settings, rar)) {
            payara.asadmin(List.of(command.split(" ")));
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

        assertThat(api.anonymous().get("agents").status()).as("no credentials on Payara Server").isEqualTo(401);
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

        // The application's /metrics, not Payara's MicroProfile Metrics, answers on a full server too.
        await("the completion counted at /metrics").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> health.get("metrics").body(), body -> body.contains(
                        "orchestrator_task_outcomes_total{agent=\"echo\",outcome=\"completed\"} 1.0"));
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
