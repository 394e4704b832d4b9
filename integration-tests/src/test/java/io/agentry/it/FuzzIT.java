package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bounded and validated input, black-box: well over a thousand malformed, oversized, deeply nested,
 * wrongly typed and random requests across every endpoint of the application (read from its classes),
 * none of which may get a 5xx, make the server unready, or leave a task, session, agent, route or queued
 * message behind; then the limits and the outbound (SSRF) rule one by one, and the request rate limit
 * last, since it uses up the caller's budget. The run is seeded: {@code -Dagentry.fuzz.seed=<n>}
 * repeats one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT {

    private static final int REQUESTS = 1200;
    private static final int MAX_BODY = 65_536;
    private static final int BURST = 1500;
    private static final String DENIED = "http://169.254.169.254/latest/meta-data/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static AgentryProcess server;
    private static Api api;
    private static long seed;

    @BeforeAll
    static void start() {
        seed = Long.getLong("agentry.fuzz.seed", new Random().nextLong());
        System.out.println("FuzzIT seed " + seed + " (repeat with -Dagentry.fuzz.seed=" + seed + ")");
        server = AgentryProcess.embedded("fuzz", AgentryProcess.env(
                "AGENTRY_OUTBOUND_ALLOW_LOOPBACK", "false",
                "AGENTRY_API_MAX_BODY_BYTES", Integer.toString(MAX_BODY),
                "AGENTRY_API_RATE_LIMIT_PER_MINUTE", "600",
                "AGENTRY_API_RATE_LIMIT_BURST", Integer.toString(BURST))).start();
        // Bodies the server refuses unread (413, 404, 405) stall an HTTP/2 stream: see Api.overHttp11.
        api = server.api().overHttp11();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static Api api() {
        return api;
    }

    /** One request the fuzzer sent, to say which one failed. */
    private record Sent(String method, String path, String kind, String body) {
        @Override
        public String toString() {
            return method + " " + path + " [" + kind + "] " + (body == null ? "" : body.length() > 300
                    ? body.substring(0, 300) + "... (" + body.length() + " chars)" : body);
        }
    }

    @Test
    @Order(1)
    void malformedOversizedDeepWronglyTypedAndRandomRequestsAreRefusedWithoutHarm() {
        List<String> endpoints = new ArrayList<>(JaxRsEndpoints.of(war()));
        assertThat(endpoints).hasSizeGreaterThan(20);
        Map<String, Object> before = state();
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String endpoint = endpoints.get(i % endpoints.size());
            Sent sent = request(endpoint, random);
            boolean chunked = random.nextInt(4) == 0;
            Api.Reply reply;
            try {
                reply = send(sent, chunked);
            } catch (UncheckedIOException first) {
                // The server closes the connection after some refusals (e.g. a GET with a body); the
                // client may already have reused it. The same request again must then be answered.
                try {
                    reply = send(sent, chunked);
                } catch (UncheckedIOException again) {
                    if (sent.body() != null && BODILESS.contains(sent.method())) {
                        // Payara's HTTP layer refuses a GET or DELETE with a body: 400 and the
                        // connection closed at once, which can reset it before the client reads the 400.
                        statuses.merge(0, 1, Integer::sum);
                    } else {
                        failures.add(sent + " -> connection failed: " + first.getCause() + ", again: "
                                + again.getCause());
                    }
                    continue;
                }
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() >= 500) {
                failures.add(sent + " -> " + reply.status() + " " + reply.body());
            } else if (reply.status() >= 400 && reply.status() != 405 && reply.status() != 404
                    && reply.status() != 401 && !reply.body().isEmpty()
                    && !String.valueOf(reply.contentType()).startsWith("application/problem+json")) {
                // Empty 4xx answers are the HTTP server's own (e.g. 400 for a GET with a body), 401 the
                // container's for a role-only endpoint.
                failures.add(sent + " -> " + reply.status() + " without problem+json: " + reply.contentType());
            }
        }
        System.out.println("FuzzIT seed " + seed + ": " + REQUESTS + " requests over " + endpoints.size()
                + " endpoints, statuses " + statuses + " (0: connection closed by the server)");

        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(ready()).as("/health/ready after the fuzz (seed " + seed + ")").isEqualTo(200);
        assertThat(state()).as("tasks, sessions, agents, routes and queue after the fuzz (seed " + seed + ")")
                .isEqualTo(before);
    }

    @Test
    @Order(2)
    void aCallbackOnACloudMetadataAddressIsRefusedNamingTheField() {
        long tasks = api().totalTasks();
        Api.Reply task = api().post("tasks", Map.of("agent", "echo", "payload", Map.of(), "callback_url", DENIED));
        assertUnprocessable(task, "callback_url");
        assertThat(task.json().get("detail").asText()).contains("169.254.169.254");

        Api.Reply plan = api().post("sessions", Map.of("steps", List.of(Map.of("id", "a", "agent", "echo")),
                "callback_url", "http://[fd00:ec2::254]/"));
        assertUnprocessable(plan, "callback_url");

        Api.Reply batch = api().submitBatch(List.of(Map.of("agent", "echo", "payload", Map.of(),
                "callback_url", "http://169.254.10.1:8080/hook")));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().at("/results/0/status").asInt()).isEqualTo(422);
        assertThat(batch.json().at("/results/0/problem/errors/0/field").asText()).isEqualTo("callback_url");

        Api.Reply loopback = api().post("tasks", Map.of("agent", "echo", "payload", Map.of(),
                "callback_url", "http://localhost:9/hook"));
        assertUnprocessable(loopback, "callback_url");
        Api.Reply credentials = api().post("tasks", Map.of("agent", "echo", "payload", Map.of(),
                "callback_url", "https://user:secret@example.org/hook"));
        assertUnprocessable(credentials, "callback_url");
        assertThat(credentials.body()).doesNotContain("secret");
        assertThat(api().post("tasks", Map.of("agent", "echo", "payload", Map.of(),
                "callback_url", "file:///etc/passwd")).status()).isEqualTo(400);
        assertThat(api().totalTasks()).isEqualTo(tasks);
    }

    @Test
    @Order(3)
    void aRemoteAgentOnADeniedOrLoopbackAddressIsRefusedNamingTheEndpoint() {
        Api.Reply metadata = api().post("agents", Map.of("name", "metadata-agent", "type", "http",
                "endpoints", List.of(Map.of("url", "http://93.184.216.34/agent"), Map.of("url", DENIED))));
        assertUnprocessable(metadata, "endpoints[1].url");
        Api.Reply linkLocal = api().post("agents", Map.of("name", "link-local-agent", "type", "http",
                "endpoints", List.of(Map.of("url", "http://[fe80::1]:8080/agent"))));
        assertUnprocessable(linkLocal, "endpoints[0].url");
        Api.Reply loopback = api().post("agents", Map.of("name", "loopback-agent", "type", "http",
                "endpoints", List.of(Map.of("url", "http://127.0.0.1:9/agent"))));
        assertUnprocessable(loopback, "endpoints[0].url");
        assertThat(api().get("agents/metadata-agent").status()).isEqualTo(404);
        assertThat(api().get("agents/loopback-agent").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void anOversizedBodyIsRefusedWith413WithOrWithoutItsLength() {
        long tasks = api().totalTasks();
        String big = "{\"agent\":\"echo\",\"payload\":{\"text\":\"" + "x".repeat(MAX_BODY) + "\"}}";
        for (boolean chunked : List.of(false, true)) {
            Api.Reply reply = send(new Sent("POST", "tasks", "oversized", big), chunked);
            assertThat(reply.status()).as("chunked " + chunked + ": " + reply.body()).isEqualTo(413);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).contains(Integer.toString(MAX_BODY));
        }
        String justUnder = "{\"agent\":\"echo\",\"payload\":{\"text\":\"" + "x".repeat(MAX_BODY - 100) + "\"}}";
        assertThat(send(new Sent("POST", "tasks", "just under", justUnder), true).status()).isEqualTo(202);
        assertThat(api().totalTasks()).isEqualTo(tasks + 1);
    }

    @Test
    @Order(5)
    void tooDeepJsonAndUnknownFieldsAreRefusedWith400() {
        String deep = "{\"agent\":\"echo\",\"payload\":" + "[".repeat(100) + "]".repeat(100) + "}";
        Api.Reply tooDeep = api().post("tasks", deep);
        assertThat(tooDeep.status()).as(tooDeep.body()).isIn(400, 413);
        assertThat(tooDeep.contentType()).startsWith("application/problem+json");
        assertThat(tooDeep.json().get("detail").asText()).contains("nesting depth").contains("64");
        Api.Reply longName = api().post("tasks", "{\"agent\":\"echo\",\"payload\":{\"" + "n".repeat(1001) + "\":1}}");
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().get("detail").asText()).contains("exceeds");
        Api.Reply notAType = api().request("POST", "tasks", HttpRequest.BodyPublishers.ofString("{}"),
                Map.of("Content-Type", "garbage"));
        assertThat(notAType.status()).isEqualTo(400);
        assertThat(notAType.contentType()).startsWith("application/problem+json");

        Api.Reply unknown = api().post("tasks", "{\"agent\":\"echo\",\"payload\":{},\"priorty\":5}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("priorty");
        Api.Reply unknownInRoute = api().put("routes/fuzzed", "{\"target_agent\":\"echo\",\"prio\":1}");
        assertThat(unknownInRoute.status()).isEqualTo(400);
        Api.Reply tooManySteps = api().post("sessions", Map.of("steps", java.util.stream.IntStream.range(0, 201)
                .mapToObj(i -> Map.of("id", "s" + i, "agent", "echo")).toList()));
        assertThat(tooManySteps.status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void operatorActionsAreAudited() {
        assertThat(api().post("agents/echo/pause", "").status()).isEqualTo(200);
        assertThat(api().post("agents/echo/resume", "").status()).isEqualTo(200);
        assertThat(api().post("agents/no-such-agent/pause", "").status()).isEqualTo(404);

        Api.Reply paused = api().get("audit?action=agent.pause");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        JsonNode entries = paused.json().get("entries");
        assertThat(paused.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode refused = entries.get(0);
        assertThat(refused.get("target").asText()).isEqualTo("no-such-agent");
        assertThat(refused.get("outcome").asText()).isEqualTo("refused");
        assertThat(refused.get("status").asInt()).isEqualTo(404);
        JsonNode done = entries.get(1);
        assertThat(done.get("target").asText()).isEqualTo("echo");
        assertThat(done.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(done.get("actor").asText()).isNotBlank();
        assertThat(done.get("occurred_at").asText()).isNotBlank();

        String actor = done.get("actor").asText();
        Api.Reply byActor = api().get("audit?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8)
                + "&since=" + done.get("occurred_at").asText() + "&limit=500");
        assertThat(byActor.json().get("entries")).extracting(e -> e.get("action").asText())
                .contains("agent.pause", "agent.resume");
        assertThat(api().get("audit?since=yesterday").status()).isEqualTo(400);
        assertThat(api().get("audit?limit=0").status()).isEqualTo(400);

        Api operator = api().createUser("auditor-" + UUID.randomUUID().toString().substring(0, 8), "operator-password",
                "operator");
        assertThat(operator.get("audit").status()).as("the audit trail is for admins").isEqualTo(403);
        JsonNode created = api().get("audit?action=user.create").json().get("entries").get(0);
        assertThat(created.get("actor").asText()).isEqualTo("admin");
        assertThat(created.get("outcome").asText()).isEqualTo("succeeded");
    }

    @Test
    @Order(7)
    void aCallerOverTheRequestRateGets429WithRetryAfter() {
        Api.Reply limited = null;
        for (int i = 0; i < BURST * 3 && limited == null; i++) {
            Api.Reply reply = api().get("queues");
            if (reply.status() == 429) {
                limited = reply;
            } else {
                assertThat(reply.status()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a 429 within " + BURST * 3 + " requests").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(ready()).isEqualTo(200);
    }

    private static void assertUnprocessable(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo(field);
    }

    // ---- the fuzzer

    /** What a rejected request must not have changed (the queue's depths are in the stats). */
    private static Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        JsonNode stats = api().get("stats").json();
        state.put("tasks", api().totalTasks());
        state.put("tasks_total", stats.get("tasks_total"));
        state.put("sessions", stats.get("sessions"));
        state.put("agents", stats.get("agents"));
        state.put("queue", stats.get("queue"));
        state.put("routes", api().get("routes").json());
        return state;
    }

    private static int ready() {
        return new Api(URI.create(server.baseUri())).get("health/ready").status();
    }

    private static Path war() {
        return Path.of(System.getProperty("agentry.launcher", "../server-config/target/agentry.jar"))
                .resolveSibling("agentry.war");
    }

    private static Api.Reply send(Sent sent, boolean chunked) {
        Map<String, String> headers = new LinkedHashMap<>();
        HttpRequest.BodyPublisher body = null;
        if (sent.body() != null) {
            byte[] bytes = sent.body().getBytes(StandardCharsets.UTF_8);
            body = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes);
            headers.put("Content-Type", sent.kind().startsWith("content-type:")
                    ? sent.kind().substring("content-type:".length()) : "application/json");
        }
        return api().request(sent.method(), sent.path(), body, headers);
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final java.util.Set<String> BODILESS = java.util.Set.of("GET", "DELETE");

    private static Sent request(String endpoint, Random random) {
        String[] parts = endpoint.split(" ", 2);
        String method = random.nextInt(10) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : parts[0];
        String path = parts[1].substring("/api/".length()).replaceAll("\\{[^}]+}", "%s");
        while (path.contains("%s")) {
            path = path.replaceFirst("%s", URLEncoder.encode(pathValue(random), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        if (random.nextInt(3) == 0) {
            path += "?" + query(random);
        }
        JsonNode template = template(parts[0] + " " + parts[1]);
        int kind = random.nextInt(7);
        return switch (kind) {
            case 0 -> new Sent(method, path, "malformed", malformed(template, random));
            case 1 -> new Sent(method, path, "deep", deep(template, random).toString());
            case 2 -> new Sent(method, path, "oversized", oversized(template, random));
            case 3, 4 -> new Sent(method, path, "wrong types", wrongTypes(template, random).toString());
            case 5 -> new Sent(method, path, "unknown field", unknownField(template, random).toString());
            default -> randomRequest(method, path, template, random);
        };
    }

    /**
     * A valid body for the endpoint, except that it names something the server must refuse (a denied
     * callback, an unknown agent), so that no mutation of its other fields can make it acceptable.
     */
    private static JsonNode template(String endpoint) {
        String task = "{\"agent\":\"echo\",\"payload\":{\"x\":[1,2,{\"y\":\"z\"}]},\"priority\":3,\"timeout\":60,"
                + "\"metadata\":{\"k\":\"v\"},\"callback_url\":\"" + DENIED + "\",\"retry_policy\":{\"max_retries\":1,"
                + "\"backoff_ms\":10,\"multiplier\":2.0,\"max_backoff_ms\":100,\"jitter\":true},"
                + "\"session_id\":\"" + UUID.randomUUID() + "\"}";
        String json = switch (endpoint) {
            case "POST /api/tasks" -> task;
            case "POST /api/tasks/batch" -> "{\"tasks\":[" + task + "," + task + "]}";
            case "POST /api/tasks/aggregate" -> "{\"task_ids\":[\"" + UUID.randomUUID() + "\",\"x\"]}";
            case "POST /api/sessions" -> "{\"name\":\"fuzz\",\"execution_mode\":\"parallel\",\"timeout_ms\":60000,"
                    + "\"callback_url\":\"" + DENIED + "\",\"context\":{\"a\":1},\"steps\":[{\"id\":\"a\","
                    + "\"agent\":\"echo\",\"input\":{\"q\":1},\"timeout_ms\":1000,\"priority\":2},{\"id\":\"b\","
                    + "\"pattern\":\"echo\",\"dependencies\":[\"a\"],\"input\":\"${steps.a.output}\","
                    + "\"retry_policy\":{\"max_retries\":0}}],\"fallback_plan\":{\"steps\":[{\"id\":\"f\","
                    + "\"agent\":\"echo\"}],\"timeout_ms\":1000}}";
            case "POST /api/agents", "PUT /api/agents/{name}" -> "{\"name\":\"fuzz-agent\",\"type\":\"http\","
                    + "\"description\":\"d\",\"capabilities\":[\"c\"],\"endpoints\":[{\"url\":\"" + DENIED
                    + "\",\"weight\":1}],\"load_balancing\":\"weighted\",\"timeout\":5,\"rate_limit\":"
                    + "{\"rate_per_minute\":10,\"burst\":1},\"circuit_breaker\":{\"failure_threshold\":3,"
                    + "\"delay_ms\":1000},\"health_path\":\"/health\"}";
            case "PUT /api/routes/{pattern}" -> "{\"target_agent\":\"no-such-agent\",\"timeout\":10,\"priority\":3}";
            case "POST /api/maintenance/cleanup" -> "{\"older_than_days\":30}";
            default -> "{\"anything\":[1,\"two\",{\"three\":3.0}]}";
        };
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> PATH_VALUES = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "..", "%00", "' OR 1=1 --", "<script>", "ünïcødé", "a b", "${steps.a.output}", "-1", "9".repeat(40),
            "x".repeat(300), "{}", "null", "fuzz.agent:1", "\\", "%2e%2e%2f");

    private static String pathValue(Random random) {
        return random.nextBoolean() ? UUID.randomUUID().toString() : PATH_VALUES.get(random.nextInt(PATH_VALUES.size()));
    }

    private static final List<String> QUERY_NAMES = List.of("status", "agent", "session_id", "limit", "offset",
            "actor", "action", "since", "memory_type", "prefix", "format");
    private static final List<String> QUERY_VALUES = List.of("-1", "0", "abc", "99999999999999999999", "",
            "1.5", "completed", "nope", "2026-13-45T99:00:00Z", "x".repeat(500), "%00", "true");

    private static String query(Random random) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            pairs.add(QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size())) + "=" + URLEncoder.encode(
                    QUERY_VALUES.get(random.nextInt(QUERY_VALUES.size())), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    private static final List<String> BROKEN = List.of("{", "}", "[", "{\"agent\":", "{\"agent\":\"echo\",}",
            "{'agent':'echo'}", "nul", "tru", "{\"a\":1}{", "{\"a\" 1}", "\"unterminated", "{\"a\":01}",
            "{\"a\":NaN}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":1e99999999999}", "\u0000\u0001", "<xml/>", "--", "{]");

    private static String malformed(JsonNode template, Random random) {
        if (random.nextBoolean()) {
            return BROKEN.get(random.nextInt(BROKEN.size()));
        }
        String text = template.toString();
        return text.substring(0, 1 + random.nextInt(text.length() - 1));
    }

    /** The template with one of its values replaced by arrays or objects nested deeper than the limit. */
    private static JsonNode deep(JsonNode template, Random random) {
        // The client's own writer refuses more than 1000 levels.
        int depth = 65 + random.nextInt(900);
        JsonNode nested = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            if (random.nextBoolean()) {
                ArrayNode array = NODES.arrayNode();
                array.add(nested);
                nested = array;
            } else {
                ObjectNode object = NODES.objectNode();
                object.set("n", nested);
                nested = object;
            }
        }
        return replaceRandomValue(template.deepCopy(), nested, random);
    }

    private static String oversized(JsonNode template, Random random) {
        ObjectNode body = template.isObject() ? (ObjectNode) template.deepCopy() : NODES.objectNode();
        if (random.nextBoolean()) {
            ArrayNode many = body.putArray("payload");
            for (int i = 0; i < MAX_BODY / 2 + 1; i++) {
                many.add(i % 10);
            }
        } else {
            body.put("payload", "y".repeat(MAX_BODY + random.nextInt(MAX_BODY)));
        }
        return body.toString();
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.textNode("x");
            case 1 -> NODES.textNode("");
            case 2 -> NODES.numberNode(1.5);
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.arrayNode();
            case 6 -> NODES.objectNode();
            case 7 -> NODES.arrayNode().add(1).add("a").add(NODES.objectNode());
            case 8 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999"));
            case 9 -> NODES.textNode("\u0000\uFFFF");
            case 10 -> NODES.textNode("z".repeat(5000));
            case 11 -> NODES.objectNode().put("$where", "1");
            case 12 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.textNode("${steps.nowhere.output}");
        };
    }

    private static JsonNode wrongTypes(JsonNode template, Random random) {
        JsonNode body = template.deepCopy();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            body = replaceRandomValue(body, wrongValue(random), random);
        }
        return body;
    }

    private static JsonNode unknownField(JsonNode template, Random random) {
        JsonNode body = template.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(body, objects);
        if (objects.isEmpty()) {
            return NODES.objectNode().put("unknown_" + random.nextInt(1000), 1);
        }
        objects.get(random.nextInt(objects.size())).set("unknown_" + random.nextInt(1000), wrongValue(random));
        return body;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        node.forEach(child -> collectObjects(child, into));
    }

    /** Replaces one value somewhere in the tree (or the whole tree, now and then). */
    private static JsonNode replaceRandomValue(JsonNode root, JsonNode value, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty() || random.nextInt(10) == 0) {
            return value;
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            Iterator<String> fields = object.fieldNames();
            fields.forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), value);
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), value);
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode() && node.size() > 0) {
            into.add(node);
        }
        node.forEach(child -> collectContainers(child, into));
    }

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data",
            "application/octet-stream", "*/*", "application/json;;", "garbage");

    private static Sent randomRequest(String method, String path, JsonNode template, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new Sent(method, path, "no body", null);
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield new Sent(method, path, "random bytes", new String(bytes, StandardCharsets.ISO_8859_1));
            }
            case 2 -> new Sent(method, path, "content-type:" + CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())),
                    template.toString());
            case 3 -> new Sent(method, path, "scalar", List.of("null", "1", "\"s\"", "[]", "true", "[{}]")
                    .get(random.nextInt(6)));
            default -> new Sent(method, path, "empty", "");
        };
    }
}
