package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote HTTP agents on a real server, against real HTTP servers started here: registration,
 * load balancing (round robin, weighted, least connections), health checks that take endpoints
 * out of the rotation, circuit breakers that defer work instead of burning it, pause and resume.
 */
class RemoteAgentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static AgentryProcess server;
    private final List<RemoteAgentStub> stubs = new ArrayList<>();

    @BeforeAll
    static void start() {
        // Three consumers: while one waits on a stuck endpoint, the other two leave at most one call in flight.
        server = AgentryProcess.embedded("remote-agents", AgentryProcess.env(
                "AGENTRY_REMOTE_AGENTS_CONCURRENCY", "3",
                "AGENTRY_REMOTE_AGENTS_HEALTH_CHECK_INTERVAL_SECONDS", "1",
                "AGENTRY_CIRCUIT_BREAKER_TRIAL_WAIT_MS", "200")).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void closeStubs() {
        stubs.forEach(RemoteAgentStub::close);
    }

    private static Api api() {
        return server.api();
    }

    private RemoteAgentStub stub() {
        RemoteAgentStub stub = new RemoteAgentStub();
        stubs.add(stub);
        return stub;
    }

    private static void register(String name, String balancing, Map<RemoteAgentStub, Integer> endpoints,
            Map<String, Object> more) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", name);
        agent.put("type", "http");
        agent.put("capabilities", List.of("remote-test"));
        agent.put("load_balancing", balancing);
        // Well above what the tests send: the default limit of remote agents (100 a minute) is not under test here.
        agent.put("rate_limit", Map.of("rate_per_minute", 600_000, "burst", 10_000));
        agent.put("endpoints", endpoints.entrySet().stream()
                .map(e -> Map.of("url", e.getKey().url(), "weight", e.getValue())).toList());
        agent.putAll(more);
        Api.Reply reply = api().post("agents", agent);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Submits {@code count} tasks for the agent in batches; returns their ids. */
    private static List<String> submit(String agent, int count, Map<String, Object> more) {
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < count; start += 100) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 100); i++) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("agent", agent);
                task.put("payload", Map.of("n", i));
                task.putAll(more);
                batch.add(task);
            }
            Api.Reply reply = api().submitBatch(batch);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("rejected").asInt()).as(reply.body()).isZero();
            reply.json().get("results").forEach(r -> ids.add(r.get("task_id").asText()));
        }
        return ids;
    }

    private static long count(String agent, String status) {
        return api().get("tasks?agent=" + agent + "&status=" + status + "&limit=1").json().get("total").asLong();
    }

    private static void awaitCompleted(String agent, int count) {
        await(count + " tasks of " + agent + " completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> count(agent, "completed"), c -> c == count);
    }

    private static JsonNode status(String agent) {
        Api.Reply reply = api().get("agents/" + agent + "/status");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void roundRobinSpreadsCallsEvenlyAndEachCallCarriesItsIdempotencyKey() {
        RemoteAgentStub a = stub();
        RemoteAgentStub b = stub();
        RemoteAgentStub c = stub();
        register("round-robin", "round_robin", Map.of(a, 1, b, 1, c, 1), Map.of());

        List<String> ids = submit("round-robin", 300, Map.of());
        awaitCompleted("round-robin", 300);

        assertThat(List.of(a.calls().size(), b.calls().size(), c.calls().size())).containsExactly(100, 100, 100);
        List<RemoteAgentStub.Call> all = new ArrayList<>(a.calls());
        all.addAll(b.calls());
        all.addAll(c.calls());
        assertThat(all).allSatisfy(call -> assertThat(call.idempotencyKey())
                .isEqualTo(call.body().get("task_id").asText() + ":" + call.body().get("attempt").asInt()));
        assertThat(all.stream().map(call -> call.body().get("task_id").asText())).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode result = api().task(ids.get(7)).get("result");
        assertThat(result.get("n").asInt()).isEqualTo(7);
    }

    @Test
    void weightedBalancingFollowsTheWeights() {
        RemoteAgentStub one = stub();
        RemoteAgentStub two = stub();
        RemoteAgentStub three = stub();
        register("weighted", "weighted", Map.of(one, 1, two, 2, three, 3), Map.of());

        submit("weighted", 300, Map.of());
        awaitCompleted("weighted", 300);

        assertThat(one.calls().size()).isBetween(45, 55);
        assertThat(two.calls().size()).isBetween(90, 110);
        assertThat(three.calls().size()).isBetween(135, 165);
    }

    @Test
    void leastConnectionsSendsNothingMoreToAnEndpointThatIsStuck() {
        RemoteAgentStub stuck = stub().mode(RemoteAgentStub.Mode.HANG);
        RemoteAgentStub b = stub();
        RemoteAgentStub c = stub();
        register("least-connections", "least_connections", Map.of(stuck, 1, b, 1, c, 1), Map.of("timeout", 300));

        submit("least-connections", 100, Map.of());
        await("99 tasks done while one hangs").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> count("least-connections", "completed") == 100 - stuck.calls().size());

        assertThat(stuck.calls()).hasSizeLessThanOrEqualTo(1);
        assertThat(b.calls().size() + c.calls().size()).isEqualTo(100 - stuck.calls().size());
    }

    @Test
    void anEndpointThatFailsItsHealthCheckLeavesTheRotationUntilItPasses() {
        RemoteAgentStub sick = stub().healthy(false);
        RemoteAgentStub well = stub();
        register("health-checked", "round_robin", Map.of(sick, 1, well, 1), Map.of());
        await("the sick endpoint marked unhealthy").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> endpointHealth("health-checked").get(sick.url()), healthy -> !healthy);

        submit("health-checked", 20, Map.of());
        awaitCompleted("health-checked", 20);
        assertThat(sick.calls()).isEmpty();
        assertThat(well.calls()).hasSize(20);

        sick.healthy(true);
        await("the endpoint back in the rotation").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> endpointHealth("health-checked").get(sick.url()));
        submit("health-checked", 20, Map.of());
        awaitCompleted("health-checked", 40);
        assertThat(sick.calls()).hasSize(10);
        assertThat(status("health-checked").get("last_health_check").isNull()).isFalse();
    }

    private static Map<String, Boolean> endpointHealth(String agent) {
        Map<String, Boolean> health = new LinkedHashMap<>();
        status(agent).get("endpoints").forEach(e -> health.put(e.get("url").asText(), e.get("healthy").asBoolean()));
        return health;
    }

    @Test
    void anOutageOpensTheBreakerSubmitsAreRefusedAndDeferredTasksAllCompleteAfterRecovery() {
        RemoteAgentStub flaky = stub().mode(RemoteAgentStub.Mode.FAIL);
        register("flaky", "round_robin", Map.of(flaky, 1),
                Map.of("circuit_breaker", Map.of("failure_threshold", 3, "delay_ms", 3000)));
        Map<String, Object> retries = Map.of("retry_policy", Map.of("max_retries", 2, "backoff_ms", 100, "jitter", false));
        List<String> ids = submit("flaky", 10, retries);

        await("breaker open").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> status("flaky").get("circuit_breaker").asText(), "open"::equals);
        Api.Reply refused = api().post("tasks", Map.of("agent", "flaky", "payload", Map.of()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Agent 'flaky' is currently unavailable");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 3);

        flaky.mode(RemoteAgentStub.Mode.OK);
        awaitCompleted("flaky", 10);
        assertThat(count("flaky", "dead") + count("flaky", "failed")).isZero();
        assertThat(status("flaky").get("circuit_breaker").asText()).isEqualTo("closed");
        assertThat(flaky.calls().stream().map(c -> c.body().get("task_id").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(api().post("tasks", Map.of("agent", "flaky", "payload", Map.of())).status()).isEqualTo(202);
    }

    @Test
    void aPausedAgentKeepsItsTasksAndResumingRunsThemAll() {
        RemoteAgentStub stub = stub();
        register("pausable", "round_robin", Map.of(stub, 1), Map.of());
        Api.Reply paused = api().post("agents/pausable/pause", "");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("state").asText()).isEqualTo("paused");

        List<String> ids = submit("pausable", 30, Map.of());
        await("all parked").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> count("pausable", "paused"), c -> c == 30);
        assertThat(stub.calls()).isEmpty();
        assertThat(api().get("queues").json().get("paused").asLong()).isGreaterThanOrEqualTo(30);

        Api.Reply resumed = api().post("agents/pausable/resume", "");
        assertThat(resumed.json().get("state").asText()).isEqualTo("active");
        awaitCompleted("pausable", 30);
        assertThat(stub.calls().stream().map(c -> c.body().get("task_id").asText()))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void theRegistryValidatesChangesAndRetiresAgents() {
        RemoteAgentStub stub = stub();
        Map<String, Object> noEndpoints = Map.of("name", "nowhere", "type", "http");
        assertThat(api().post("agents", noEndpoints).status()).isEqualTo(400);
        assertThat(api().post("agents", Map.of("name", "bad-url", "endpoints", List.of(Map.of("url", "ftp://x"))))
                .status()).isEqualTo(400);
        assertThat(api().post("agents", Map.of("name", "bad-lb", "load_balancing", "random",
                "endpoints", List.of(Map.of("url", stub.url())))).status()).isEqualTo(400);
        register("registry", "round_robin", Map.of(stub, 1), Map.of());
        Api.Reply twice = api().post("agents", Map.of("name", "registry", "endpoints", List.of(Map.of("url", stub.url()))));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");

        RemoteAgentStub second = stub();
        Api.Reply changed = api().put("agents/registry", Map.of("endpoints",
                List.of(Map.of("url", second.url(), "weight", 5)), "timeout", 10));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("endpoints").findValuesAsText("url")).containsExactly(second.url());
        assertThat(changed.json().get("configuration").get("timeout").asInt()).isEqualTo(10);

        assertThat(api().put("agents/echo", Map.of("endpoints", List.of(Map.of("url", stub.url())))).status())
                .isEqualTo(409);
        assertThat(api().delete("agents/echo").status()).isEqualTo(409);
        assertThat(api().get("agents/nobody/status").status()).isEqualTo(404);

        assertThat(api().delete("agents/registry").status()).isEqualTo(204);
        assertThat(api().get("agents/registry").json().get("is_active").asBoolean()).isFalse();
        Api.Reply unknown = api().post("tasks", Map.of("agent", "registry", "payload", Map.of()));
        assertThat(unknown.status()).isEqualTo(422);
        register("registry", "round_robin", Map.of(stub, 1), Map.of());
        submit("registry", 1, Map.of());
        awaitCompleted("registry", 1);
    }

    @Test
    void readinessReportsTheAgents() {
        Api.Reply reply = new Api(java.net.URI.create(server.baseUri())).get("health/ready");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode ready = reply.json();
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        ready.get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
        JsonNode agents = checks.get("agents");
        assertThat(agents).isNotNull();
        assertThat(agents.get("data").get("agents_total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(agents.get("data").has("agents_healthy")).isTrue();
        assertThat(agents.get("data").has("active_tasks")).isTrue();
        assertThat(agents.get("data").has("queue_size")).isTrue();
    }
}
