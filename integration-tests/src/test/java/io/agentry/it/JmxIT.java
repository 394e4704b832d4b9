package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JMX admin console as an operator reaches it: over remote JMX (RMI, the way JConsole and
 * VisualVM connect), on the server started with the usual {@code com.sun.management.jmxremote}
 * options. Every operation must change what the REST API shows.
 */
class JmxIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String[] NO_SIGNATURE = new String[0];
    private static AgentryProcess server;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;

    @BeforeAll
    static void start() throws IOException {
        int port = AgentryProcess.freePort();
        server = AgentryProcess.embedded("jmx", AgentryProcess.env(
                        "AGENTRY_AGENTS_ECHO_CONCURRENCY", "2",
                        "AGENTRY_JMX_REFRESH_SECONDS", "1"))
                .withJvmOptions(
                        "-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Djava.rmi.server.hostname=127.0.0.1")
                .start();
        connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        jmx = connector.getMBeanServerConnection();
    }

    @AfterAll
    static void stop() throws IOException {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static Api api() {
        return server.api();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final ObjectName ORCHESTRATOR = name("agentry:type=Orchestrator");
    private static final ObjectName ECHO = name("agentry:type=Agent,name=echo");

    private static Object attribute(ObjectName bean, String attribute) throws Exception {
        return jmx.getAttribute(bean, attribute);
    }

    private static Object invoke(ObjectName bean, String operation) throws Exception {
        return jmx.invoke(bean, operation, new Object[0], NO_SIGNATURE);
    }

    /** A TabularData of an MXBean's map, as keys (as text) to values. */
    private static Map<String, Object> map(Object tabular) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Object row : ((TabularData) tabular).values()) {
            CompositeData entry = (CompositeData) row;
            map.put(String.valueOf(entry.get("key")), entry.get("value"));
        }
        return map;
    }

    private static String submitEcho(Map<String, Object> payload, Map<String, Object> more) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        task.putAll(more);
        return api().submit(task);
    }


    private static JsonNode echoStatus() {
        Api.Reply reply = api().get("agents/echo/status");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void theOrchestratorAndTheQueuesShowWhatTheApiShows() throws Exception {
        String id = submitEcho(Map.of("n", 1), Map.of());
        api().awaitStatus(id, "completed", PATIENCE);

        Map<String, Object> counts = map(attribute(ORCHESTRATOR, "TaskCounts"));
        assertThat(counts).containsKeys("queued", "in_progress", "completed", "failed", "dead", "paused");
        assertThat((Long) counts.get("completed")).isPositive();
        assertThat((Long) attribute(ORCHESTRATOR, "TasksTotal")).isEqualTo(api().totalTasks());
        assertThat((Long) attribute(ORCHESTRATOR, "CompletedLastMinute")).isPositive();
        assertThat((Long) attribute(ORCHESTRATOR, "ActiveAgents")).isGreaterThanOrEqualTo(1);
        assertThat(attribute(ORCHESTRATOR, "Queued")).isInstanceOf(Long.class);

        for (String queue : List.of("agentry.tasks", "agentry.tasks.DLQ")) {
            ObjectName bean = name("agentry:type=Queue,name=" + queue);
            assertThat(attribute(bean, "Name")).isEqualTo(queue);
            assertThat(map(attribute(bean, "DepthByPriority"))).containsOnlyKeys("1", "2", "3", "4", "5");
            assertThat((Long) attribute(bean, "Depth")).isNotNegative();
        }
    }

    @Test
    void echoPausedOverJmxParksItsTasksUntilItIsResumed() throws Exception {
        assertThat(invoke(ECHO, "pause")).isEqualTo("paused");
        List<String> ids = new ArrayList<>();
        try {
            assertThat(echoStatus().get("state").asText()).isEqualTo("paused");
            assertThat(attribute(ECHO, "State")).isEqualTo("paused");
            for (int i = 0; i < 3; i++) {
                ids.add(submitEcho(Map.of("n", i), Map.of()));
            }
            ids.forEach(id -> api().awaitStatus(id, "paused", PATIENCE));
            assertThat((Long) attribute(ORCHESTRATOR, "Paused")).isGreaterThanOrEqualTo(3);
        } finally {
            assertThat(invoke(ECHO, "resume")).isEqualTo("active");
        }
        assertThat(echoStatus().get("state").asText()).isEqualTo("active");
        ids.forEach(id -> api().awaitStatus(id, "completed", PATIENCE));
        assertThat((Long) attribute(ECHO, "Processed")).isGreaterThanOrEqualTo(3);
        assertThat(attribute(ECHO, "AverageTimeSeconds")).isInstanceOf(Double.class);
    }

    @Test
    void pausingAllAgentsStopsDispatchUntilAllAreResumed() throws Exception {
        String[] paused = (String[]) invoke(ORCHESTRATOR, "pauseAllAgents");
        String id;
        try {
            assertThat(paused).contains("echo");
            assertThat(echoStatus().get("state").asText()).isEqualTo("paused");
            id = submitEcho(Map.of("n", 1), Map.of());
            api().awaitStatus(id, "paused", PATIENCE);
        } finally {
            assertThat((String[]) invoke(ORCHESTRATOR, "resumeAllAgents")).contains("echo");
        }
        assertThat(echoStatus().get("state").asText()).isEqualTo("active");
        api().awaitStatus(id, "completed", PATIENCE);
    }

    @Test
    void aRateLimitSetOverJmxIsTheAgentsConfiguration() throws Exception {
        jmx.invoke(ECHO, "setRateLimit", new Object[] {120, 7}, new String[] {"int", "int"});
        JsonNode limit = api().get("agents/echo").json().get("configuration").get("rate_limit");
        assertThat(limit.get("rate_per_minute").asInt()).isEqualTo(120);
        assertThat(limit.get("burst").asInt()).isEqualTo(7);
        assertThat(attribute(ECHO, "RatePerMinute")).isEqualTo(120);
        assertThat(attribute(ECHO, "Burst")).isEqualTo(7);

        assertThatThrownBy(() -> jmx.invoke(ECHO, "setRateLimit", new Object[] {0, 7}, new String[] {"int", "int"}))
                .isInstanceOf(RuntimeMBeanException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratePerMinute");
        assertThat(attribute(ECHO, "RatePerMinute")).isEqualTo(120);

        invoke(ECHO, "removeRateLimit");
        assertThat(api().get("agents/echo").json().get("configuration").has("rate_limit")).isFalse();
        assertThat(attribute(ECHO, "RatePerMinute")).isNull();
    }

    @Test
    void resettingAnOpenBreakerOverJmxClosesItAndTheDeferredTaskRuns() throws Exception {
        assertThat(attribute(ECHO, "CircuitBreaker")).isEqualTo("disabled");
        Api.Reply configured = api().put("agents/echo",
                Map.of("circuit_breaker", Map.of("failure_threshold", 1, "delay_ms", 600_000)));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        try {
            String id = submitEcho(Map.of("fail_first", 1), Map.of("retry_policy", Map.of("max_retries", 0)));
            await("breaker open").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> attribute(ECHO, "CircuitBreaker"), "open"::equals);
            assertThat(echoStatus().get("circuit_breaker").asText()).isEqualTo("open");

            // The failure that opened the breaker was deferred, not counted against the task's one attempt.
            assertThat(api().status(id)).isEqualTo("queued");

            assertThat(invoke(ECHO, "resetCircuitBreaker")).isEqualTo("closed");
            assertThat(attribute(ECHO, "CircuitBreaker")).isEqualTo("closed");
            assertThat(echoStatus().get("circuit_breaker").asText()).isEqualTo("closed");
        } finally {
            assertThat(api().put("agents/echo", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void deadLettersRetriedOverJmxComplete() throws Exception {
        String id = submitEcho(Map.of("fail_first", 1), Map.of("retry_policy", Map.of("max_retries", 0)));
        api().awaitStatus(id, "dead", PATIENCE);
        assertThat((Long) attribute(name("agentry:type=Queue,name=agentry.tasks.DLQ"), "Depth")).isPositive();

        assertThat((Integer) invoke(ORCHESTRATOR, "retryDeadLetters")).isGreaterThanOrEqualTo(1);
        api().awaitStatus(id, "completed", PATIENCE);
        assertThat(api().get("dead-letters?limit=1000").json().get("dead_letters").findValuesAsText("task_id"))
                .doesNotContain(id);
    }

    @Test
    void cleanupOverJmxDeletesFinishedTasks() throws Exception {
        String id = submitEcho(Map.of("n", 1), Map.of());
        api().awaitStatus(id, "completed", PATIENCE);
        assertThat((Integer) jmx.invoke(ORCHESTRATOR, "cleanup", new Object[] {0}, new String[] {"int"}))
                .isGreaterThanOrEqualTo(1);
        assertThat(api().get("tasks/" + id).status()).isEqualTo(404);
    }

    @Test
    void agentsRegisteredAndRetiredThroughTheApiComeAndGoInJmx() throws Exception {
        ObjectName remote = name("agentry:type=Agent,name=jmx-remote");
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", "jmx-remote");
        agent.put("type", "http");
        agent.put("endpoints", List.of(Map.of("url", "http://127.0.0.1:9/agent")));
        Api.Reply registered = api().post("agents", agent);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        await("MXBean of jmx-remote").atMost(PATIENCE).until(() -> jmx.isRegistered(remote));
        assertThat(attribute(remote, "Type")).isEqualTo("http");

        assertThat(api().delete("agents/jmx-remote").status()).isEqualTo(204);
        await("MXBean of jmx-remote withdrawn").atMost(PATIENCE).until(() -> !jmx.isRegistered(remote));
    }
}
