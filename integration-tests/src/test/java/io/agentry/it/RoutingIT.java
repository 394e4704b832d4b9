package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing on a real server: the rules in the table (defaults, start-up file, {@code /api/routes})
 * decide where tasks, batch items and plan steps go and give them the rule's priority and timeout;
 * capabilities pick an agent; bad rules and bad files are refused. The shared server runs on H2
 * with the bundled defaults; the start-up file runs on PostgreSQL, so both upserts are exercised.
 */
class RoutingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path FILES = Path.of(System.getProperty("agentry.it.work", "target/it")).resolve("routing");

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("routing", Map.of()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static Api api() {
        return server.api();
    }

    private static Map<String, Object> task(String key, String value, Object payload) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put(key, value);
        task.put("payload", payload);
        return task;
    }

    private static Map<String, Object> rule(String targetAgent, Integer timeout, Integer priority) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("target_agent", targetAgent);
        rule.put("timeout", timeout);
        rule.put("priority", priority);
        return rule;
    }

    private static void awaitCompleted(Api api, String id) {
        await("task " + id + " completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> api.status(id), "completed"::equals);
    }

    private static Path write(String name, String content) throws IOException {
        Files.createDirectories(FILES);
        return Files.writeString(FILES.resolve(name), content).toAbsolutePath();
    }

    @Test
    void theBundledDefaultsAreInTheTable() {
        Api.Reply all = api().get("routes");

        assertThat(all.status()).isEqualTo(200);
        JsonNode routes = all.json().get("routes");
        assertThat(routes.findValuesAsText("pattern")).contains("diagnostics", "echo");
        JsonNode echo = api().get("routes/echo").json();
        assertThat(echo.get("target_agent").asText()).isEqualTo("echo");
        assertThat(echo.get("priority").isNull()).isTrue();
        assertThat(echo.has("created_at")).isTrue();
        assertThat(api().get("routes/diagnostics").json().get("target_agent").asText()).isEqualTo("echo");
        Api.Reply missing = api().get("routes/no-such-rule");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRulePutThroughTheApiRoutesTasksBatchItemsAndStepsWithItsPriorityAndTimeout() {
        Api.Reply created = api().put("routes/summarise", rule("echo", 120, 5));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/routes/summarise");
        Api.Reply replaced = api().put("routes/summarise", rule("echo", 120, 4));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("priority").asInt()).isEqualTo(4);
        assertThat(replaced.json().get("created_at")).isEqualTo(created.json().get("created_at"));

        Api.Reply accepted = api().post("tasks", task("pattern", "summarise", Map.of("text", "hello")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("agent").asText()).isEqualTo("echo");
        assertThat(accepted.json().get("priority").asInt()).isEqualTo(4);
        String id = accepted.json().get("task_id").asText();
        awaitCompleted(api(), id);
        JsonNode done = api().task(id);
        assertThat(done.get("result").get("text").asText()).isEqualTo("hello");
        assertThat(done.get("pattern").asText()).isEqualTo("summarise");
        assertThat(done.get("timeout").asInt()).isEqualTo(120);

        Map<String, Object> own = task("pattern", "summarise", Map.of());
        own.put("priority", 1);
        own.put("timeout", 30);
        JsonNode ownTask = api().task(api().submit(own));
        assertThat(ownTask.get("priority").asInt()).as("the request's own priority wins").isEqualTo(1);
        assertThat(ownTask.get("timeout").asInt()).isEqualTo(30);

        JsonNode batch = api().submitBatch(List.of(task("pattern", "summarise", Map.of()))).json();
        assertThat(batch.get("results").get(0).get("priority").asInt()).isEqualTo(4);

        Map<String, Object> step = new LinkedHashMap<>(Map.of("id", "s", "pattern", "summarise", "input", Map.of()));
        Api.Reply plan = api().post("sessions", Map.of("steps", List.of(step)));
        assertThat(plan.status()).as(plan.body()).isEqualTo(202);
        JsonNode stepTask = api().task(plan.json().get("steps").get(0).get("task_id").asText());
        assertThat(stepTask.get("priority").asInt()).isEqualTo(4);
        assertThat(stepTask.get("timeout").asInt()).isEqualTo(120);
    }

    @Test
    void aDeletedRuleRoutesNothing() {
        assertThat(api().put("routes/short-lived", rule("echo", null, null)).status()).isEqualTo(201);
        api().submit(task("pattern", "short-lived", Map.of()));

        assertThat(api().delete("routes/short-lived").status()).isEqualTo(204);

        Api.Reply refused = api().post("tasks", task("pattern", "short-lived", Map.of()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).isEqualTo("Unknown pattern 'short-lived'");
        assertThat(api().get("routes/short-lived").status()).isEqualTo(404);
        assertThat(api().delete("routes/short-lived").status()).isEqualTo(404);
    }

    @Test
    void aRuleForAnUnknownAgentIsRefused() {
        Api.Reply refused = api().put("routes/nowhere", rule("nobody", null, null));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Unknown agent 'nobody'");
        assertThat(api().get("routes/nowhere").status()).isEqualTo(404);
    }

    @Test
    void badRulesAreRefusedWithTheFieldsNamed() {
        Api.Reply outOfRange = api().put("routes/bad", rule("echo", 0, 9));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.contentType()).startsWith("application/problem+json");
        assertThat(outOfRange.json().get("errors").findValuesAsText("field")).containsExactly("priority", "timeout");

        Api.Reply noTarget = api().put("routes/bad", Map.of("priority", 2));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.json().get("errors").findValuesAsText("field")).containsExactly("target_agent");

        Api.Reply wrongType = api().put("routes/bad", "{\"target_agent\": \"echo\", \"timeout\": \"soon\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").findValuesAsText("field")).containsExactly("timeout");

        Api.Reply unknownField = api().put("routes/bad", "{\"target\": \"echo\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asText()).isEqualTo("Unknown field 'target'");

        Api.Reply badPattern = api().put("routes/-dash-first", rule("echo", null, null));
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.json().get("errors").findValuesAsText("field")).containsExactly("pattern");

        assertThat(api().get("routes/bad").status()).isEqualTo(404);
    }

    @Test
    void aCapabilityPicksAnAgentThatHasIt() {
        Api.Reply accepted = api().post("tasks", task("capability", "diagnostics", Map.of("n", 1)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("agent").asText()).isEqualTo("echo");
        awaitCompleted(api(), accepted.json().get("task_id").asText());

        Api.Reply unknown = api().post("tasks", task("capability", "telepathy", Map.of()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("No agent has capability 'telepathy'");

        Map<String, Object> both = task("capability", "echo", Map.of());
        both.put("agent", "echo");
        Api.Reply ambiguous = api().post("tasks", both);
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.json().get("detail").asText()).contains("exactly one of");

        JsonNode batch = api().submitBatch(List.of(task("capability", "echo", Map.of()),
                task("capability", "telepathy", Map.of()))).json();
        assertThat(batch.get("results").get(0).get("status").asInt()).isEqualTo(202);
        assertThat(batch.get("results").get(1).get("status").asInt()).isEqualTo(422);

        Map<String, Object> step = new LinkedHashMap<>(Map.of("id", "s", "capability", "echo", "input", Map.of()));
        Api.Reply plan = api().post("sessions", Map.of("steps", List.of(step)));
        assertThat(plan.status()).as(plan.body()).isEqualTo(202);
        Map<String, Object> unroutableStep = new LinkedHashMap<>(Map.of("id", "s", "capability", "telepathy"));
        Api.Reply refusedPlan = api().post("sessions", Map.of("steps", List.of(unroutableStep)));
        assertThat(refusedPlan.status()).isEqualTo(400);
        assertThat(refusedPlan.json().get("detail").asText()).contains("No agent has capability 'telepathy'");
    }

    @Test
    void aStartUpFileIsWrittenOverTheRulesItNamesAndRulesAddedThroughTheApiStay() throws IOException {
        Path file = write("routes.yaml", """
                routing_rules:
                  - pattern: upload_pdf
                    target_agent: echo
                    timeout: 300
                    priority: 4
                  - pattern: echo
                    target_agent: echo
                    priority: 2
                load_balancing: {strategy: round_robin, health_check_interval: 30}
                """);
        try (PostgresServer postgres = PostgresServer.start("routing-postgres",
                AgentryProcess.env("AGENTRY_ROUTING_FILE", file.toString()))) {
            Api api = postgres.server().api();
            assertThat(api.get("routes").json().get("routes").findValuesAsText("pattern"))
                    .as("the file's rules, and no defaults").containsExactly("echo", "upload_pdf");
            JsonNode accepted = api.post("tasks", task("pattern", "upload_pdf", Map.of())).json();
            assertThat(accepted.get("priority").asInt()).isEqualTo(4);
            assertThat(api.get("routes/echo").json().get("priority").asInt()).isEqualTo(2);
            awaitCompleted(api, accepted.get("task_id").asText());
            assertThat(api.task(accepted.get("task_id").asText()).get("timeout").asInt()).isEqualTo(300);

            assertThat(api.put("routes/upload_pdf", rule("echo", null, 1)).status()).isEqualTo(200);
            assertThat(api.put("routes/extra", rule("echo", null, 5)).status()).isEqualTo(201);
            postgres.server().stop();
            postgres.server().start();

            JsonNode uploadPdf = api.get("routes/upload_pdf").json();
            assertThat(uploadPdf.get("priority").asInt()).as("the file wins for its patterns").isEqualTo(4);
            assertThat(uploadPdf.get("timeout").asInt()).isEqualTo(300);
            assertThat(api.get("routes/extra").json().get("priority").asInt()).as("the API's rule stays").isEqualTo(5);
        }
    }

    @Test
    void aMalformedFileStopsStartUpNamingTheFileAndTheProblem() throws IOException {
        Path file = write("broken.yaml", """
                routing_rules:
                  - pattern: p
                    target_agent: echo
                    priority: 9
                """);
        AgentryProcess broken = AgentryProcess.embedded("routing-broken",
                AgentryProcess.env("AGENTRY_ROUTING_FILE", file.toString()));
        long logged = Files.exists(broken.log()) ? Files.size(broken.log()) : 0;
        try {
            assertThatThrownBy(broken::start).as("the server process ends by itself")
                    .hasCauseInstanceOf(TerminalFailureException.class);
            assertThat(broken.exitValue()).hasValue(1);
            assertThat(Files.readString(broken.log()).substring((int) logged)).contains("Routing file " + file
                    + ": routing_rules[0].priority must be less than or equal to 5");
        } finally {
            broken.stop();
        }
    }
}
