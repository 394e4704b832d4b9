package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as Prometheus sees it: a real Prometheus (Debian's package) scrapes the server while
 * tasks run, {@code promtool check metrics} finds nothing to report, counters move by exactly the
 * tasks run, and the gauges agree with the API and the MBeans. Also the task list's filters by creation time.
 */
class MetricsIT {

    /** The login Prometheus scrapes with: metrics are behind the operator role here. */
    private static final String SCRAPER = "prometheus";
    private static final String SCRAPER_PASSWORD = "prometheus-password";

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern A_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");

    private static Path binaries;
    private static Path work;
    private static AgentryProcess server;
    private static Prometheus prometheus;
    private static JMXConnector jmxConnector;

    @BeforeAll
    static void start() {
        binaries = Prometheus.installedIn(Path.of(System.getProperty("agentry.it.prometheus", "target/prometheus")));
        work = Path.of(System.getProperty("agentry.it.work", "target/it")).resolve("metrics-prometheus");
        int jmxPort = AgentryProcess.freePort();
        server = AgentryProcess.embedded("metrics", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "2",
                "AGENTRY_METRICS_ROLE", "operator"))
                .withJvmOptions(
                        "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Djava.rmi.server.hostname=127.0.0.1")
                .start();
        try {
            jmxConnector = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.api().createUser(SCRAPER, SCRAPER_PASSWORD, "operator");
        prometheus = Prometheus.scraping(binaries, work, URI.create(server.baseUri()).getAuthority(), SCRAPER,
                SCRAPER_PASSWORD);
        // Prometheus hands new targets to its scrapers some seconds after it starts.
        await("prometheus scraped the server").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> Double.valueOf(1).equals(prometheus.value("up{job=\"agentry\"}")));
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        if (jmxConnector != null) {
            jmxConnector.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static Api api() {
        return server.api();
    }

    @Test
    void prometheusScrapesTheServerWhileTasksRunAndSeesTheDesignNames() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(api().submit(echo(Map.of("delay_ms", 600))));
        }

        await("prometheus saw tasks in flight").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.value("max_over_time(orchestrator_active_tasks[1m])"), v -> v != null && v > 0);
        for (String id : ids) {
            api().awaitStatus(id, "completed", PATIENCE);
        }
        await("prometheus saw the requests and the outcomes").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(prometheus.query("orchestrator_requests_total{route=\"/tasks\",method=\"POST\"}"))
                            .isNotEmpty();
                    assertThat(prometheus.value(
                            "orchestrator_task_outcomes_total{agent=\"echo\",outcome=\"completed\"}")).isNotNull();
                });

        assertThat(prometheus.targets().get(0).path("health").asText()).isEqualTo("up");
        assertThat(prometheus.targets().get(0).path("lastError").asText()).isEmpty();
        assertThat(prometheus.query("orchestrator_queue_size")).hasSize(5);
        assertThat(prometheus.value("orchestrator_agent_health{agent=\"echo\"}")).isEqualTo(1.0);
        assertThat(prometheus.value("orchestrator_circuit_breaker_state{agent=\"echo\"}")).isEqualTo(0.0);
        assertThat(prometheus.value("orchestrator_dead_letter_queue_size")).isNotNull();
        assertThat(prometheus.query("orchestrator_sessions")).isNotEmpty();
        assertThat(prometheus.query("orchestrator_request_duration_seconds_bucket{route=\"/tasks\",method=\"POST\"}"))
                .hasSizeGreaterThan(5);
        assertThat(prometheus.value("histogram_quantile(0.5, sum by (le) (orchestrator_task_duration_seconds_bucket"
                + "{agent=\"echo\",outcome=\"completed\"}))")).as("median task duration").isPositive();
        assertThat(prometheus.query("orchestrator_task_queue_wait_seconds_count{agent=\"echo\"}")).hasSize(1);
    }

    @Test
    void promtoolFindsNothingToReportInTheScrape() {
        api().submit(echo(Map.of()));
        HttpResponse<String> scrape = scrape(null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain").contains("version=0.0.4");
        assertThat(Prometheus.checkMetrics(binaries, work, scrape.body())).isEmpty();
        for (String name : List.of("orchestrator_requests_total", "orchestrator_request_duration_seconds",
                "orchestrator_active_tasks", "orchestrator_agent_health", "orchestrator_queue_size",
                "orchestrator_circuit_breaker_state", "orchestrator_task_outcomes_total",
                "orchestrator_task_duration_seconds", "orchestrator_task_queue_wait_seconds",
                "orchestrator_dead_letter_queue_size", "orchestrator_sessions", "orchestrator_tasks")) {
            assertThat(scrape.body()).as(name).contains("# TYPE " + name + " ");
        }
        assertThat(scrape(OPEN_METRICS).headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/openmetrics-text");
    }

    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    @Test
    void countersMoveByExactlyTheTasksRun() {
        Map<String, Double> before = samples();
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            completed.add(api().submit(echo(Map.of("n", i))));
        }
        String failed = api().submit(echo(Map.of("fail", "permanent")));
        String dead = api().submit(with(echo(Map.of("fail_first", 1)), "retry_policy", Map.of("max_retries", 0)));
        String retried = api().submit(with(echo(Map.of("fail_first", 1)), "retry_policy",
                Map.of("max_retries", 1, "backoff_ms", 10, "jitter", false)));
        completed.add(retried);

        for (String id : completed) {
            api().awaitStatus(id, "completed", PATIENCE);
        }
        api().awaitStatus(failed, "failed", PATIENCE);
        api().awaitStatus(dead, "dead", PATIENCE);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put(outcome("completed"), 4.0);
        expected.put(outcome("failed"), 1.0);
        expected.put(outcome("dead_lettered"), 1.0);
        expected.put(outcome("retried"), 1.0);
        expected.put("orchestrator_task_duration_seconds_count{agent=echo,outcome=completed}", 4.0);
        // Attempts started: one each, and two for the retried task.
        expected.put("orchestrator_task_queue_wait_seconds_count{agent=echo}", 7.0);
        expected.put("orchestrator_requests_total{method=POST,route=/tasks,status=2xx}", 6.0);
        expected.put("orchestrator_request_duration_seconds_count{method=POST,route=/tasks}", 6.0);
        await("counters moved by the tasks run").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(deltas(before, samples(), expected.keySet())).isEqualTo(expected));

        double completedNow = samples().get(outcome("completed"));
        await("prometheus has the same count").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.value("orchestrator_task_outcomes_total{agent=\"echo\",outcome=\"completed\"}"),
                        v -> v != null && v == completedNow);
    }

    @Test
    void gaugesAgreeWithTheApiAndTheMBeans() throws Exception {
        api().submit(echo(Map.of()));
        await("no task unfinished").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode counts = api().get("tasks/counts").json();
            return counts.path("queued").asLong() + counts.path("in_progress").asLong()
                    + counts.path("retry_scheduled").asLong() + counts.path("pending").asLong() == 0;
        });
        Map<String, Double> metrics = samples();
        JsonNode counts = api().get("tasks/counts").json();
        JsonNode queues = api().get("queues").json();
        JsonNode stats = api().get("stats").json();

        counts.fields().forEachRemaining(e -> assertThat(metrics.get("orchestrator_tasks{status=" + e.getKey() + "}"))
                .as(e.getKey()).isEqualTo(e.getValue().asDouble()));
        stats.get("sessions").fields().forEachRemaining(e -> assertThat(
                metrics.get("orchestrator_sessions{status=" + e.getKey() + "}")).as(e.getKey())
                .isEqualTo(e.getValue().asDouble()));
        queues.get("queued_by_priority").fields().forEachRemaining(e -> assertThat(
                metrics.get("orchestrator_queue_size{priority=" + e.getKey() + "}")).as("priority " + e.getKey())
                .isEqualTo(e.getValue().asDouble()));
        assertThat(metrics.get("orchestrator_dead_letter_queue_size")).isEqualTo(queues.get("dead").asDouble());
        assertThat(metrics.get("orchestrator_active_tasks")).isEqualTo(queues.get("in_flight").asDouble());
        assertThat(metrics.get("orchestrator_tasks{status=completed}")).isPositive();

        MBeanServerConnection jmx = jmxConnector.getMBeanServerConnection();
        ObjectName orchestrator = new ObjectName("agentry:type=Orchestrator");
        for (Object row : ((TabularData) jmx.getAttribute(orchestrator, "TaskCounts")).values()) {
            CompositeData entry = (CompositeData) row;
            assertThat(((Long) entry.get("value")).doubleValue()).as("MBean TaskCounts " + entry.get("key"))
                    .isEqualTo(metrics.get("orchestrator_tasks{status=" + entry.get("key") + "}"));
        }
        assertThat(((Long) jmx.getAttribute(orchestrator, "Queued")).doubleValue()).isEqualTo(
                metrics.entrySet().stream().filter(e -> e.getKey().startsWith("orchestrator_queue_size{"))
                        .mapToDouble(Map.Entry::getValue).sum());
        assertThat(((Long) jmx.getAttribute(orchestrator, "Dead")).doubleValue())
                .isEqualTo(metrics.get("orchestrator_dead_letter_queue_size"));
        assertThat(((Long) jmx.getAttribute(orchestrator, "InFlight")).doubleValue())
                .isEqualTo(metrics.get("orchestrator_active_tasks"));
        ObjectName echo = new ObjectName("agentry:type=Agent,name=echo");
        assertThat((Boolean) jmx.getAttribute(echo, "Healthy") ? 1.0 : 0.0)
                .isEqualTo(metrics.get("orchestrator_agent_health{agent=echo}"));
        assertThat(jmx.getAttribute(echo, "CircuitBreaker")).isIn("closed", "disabled");
        assertThat(metrics.get("orchestrator_circuit_breaker_state{agent=echo}")).isZero();
    }

    @Test
    void requestsAreLabelledByTheirRouteTemplateNeverTheirPath() {
        String unknown = UUID.randomUUID().toString();
        assertThat(api().get("tasks/" + unknown).status()).isEqualTo(404);
        assertThat(api().get("no-such-resource/" + unknown).status()).isEqualTo(404);

        Map<String, Double> metrics = samples();
        assertThat(metrics).containsKey("orchestrator_requests_total{method=GET,route=/tasks/{id},status=4xx}");
        assertThat(metrics).containsKey("orchestrator_requests_total{method=GET,route=unmatched,status=4xx}");
        assertThat(metrics.keySet()).noneMatch(key -> A_UUID.matcher(key).find());
    }

    @Test
    void theTaskListFiltersByCreationTime() {
        String first = api().submit(echo(Map.of()));
        Instant created = Instant.parse(api().task(first).get("created_at").asText());
        String second = api().submit(echo(Map.of()));
        Instant secondCreated = Instant.parse(api().task(second).get("created_at").asText());

        assertThat(ids("created_since=" + created)).contains(first, second);
        assertThat(ids("created_until=" + created)).doesNotContain(first, second);
        assertThat(ids("created_since=" + created + "&created_until=" + secondCreated)).contains(first)
                .doesNotContain(second);
        String plusOne = created.atOffset(java.time.ZoneOffset.ofHours(1)).toString();
        assertThat(ids("agent=echo&created_since=" + URLEncoder.encode(plusOne, StandardCharsets.UTF_8)))
                .contains(first);

        for (String bad : List.of("created_since=yesterday", "created_until=2026-13-01T00:00:00Z",
                "created_since=2026-01-02T00:00:00Z&created_until=2026-01-01T00:00:00Z")) {
            Api.Reply reply = api().get("tasks?" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.contentType()).as(bad).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).as(bad).contains("created_");
        }
    }

    private static List<String> ids(String query) {
        Api.Reply reply = api().get("tasks?limit=500&" + query);
        assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(200);
        return reply.json().get("tasks").findValuesAsText("task_id");
    }

    private static String outcome(String outcome) {
        return "orchestrator_task_outcomes_total{agent=echo,outcome=" + outcome + "}";
    }

    private static Map<String, Object> echo(Map<String, Object> payload) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("agent", "echo");
        task.put("payload", payload);
        return task;
    }

    private static Map<String, Object> with(Map<String, Object> task, String key, Object value) {
        task.put(key, value);
        return task;
    }

    private static Map<String, Double> deltas(Map<String, Double> before, Map<String, Double> after,
            Iterable<String> keys) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        for (String key : keys) {
            deltas.put(key, after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0));
        }
        return deltas;
    }

    /** Every sample of {@code /metrics}, keyed {@code name{label=value,…}} with labels sorted by name. */
    private static Map<String, Double> samples() {
        HttpResponse<String> scrape = scrape(null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : scrape.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new java.util.TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String key = sample.group(1) + (labels.isEmpty() ? "" : labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}")));
            samples.put(key, Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    @Test
    void metricsBehindARoleRefuseOtherCallers() {
        Api anonymous = server.api().anonymous();
        Api.Reply withoutCredentials = anonymous.get(URI.create(server.baseUri() + "metrics").toString());
        Api.Reply plainUser = server.api().createUser("reader", "reader-password", "user")
                .get(URI.create(server.baseUri() + "metrics").toString());

        assertThat(withoutCredentials.status()).isEqualTo(401);
        assertThat(withoutCredentials.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(plainUser.status()).isEqualTo(403);
        assertThat(plainUser.contentType()).startsWith("application/problem+json");
        assertThat(scrape(null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> scrape(String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + "metrics"))
                .header("Authorization", Api.basic(SCRAPER, SCRAPER_PASSWORD))
                .timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
