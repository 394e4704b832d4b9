package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code AGENTRY_LOG_FORMAT=json}: the server writes nothing but JSON objects, one per line, from
 * the broker's start to the end of shutdown, and a line about a task names it and its agent.
 */
class JsonLogsIT {

    /** One JSON value per line, nothing after it. */
    private static final List<String> FIELDS = List.of("timestamp", "level", "logger", "message");
    private static final ObjectReader STRICT = Api.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void everyLineIsAJsonObjectAndATasksLinesNameTheTaskAndItsAgent() throws IOException {
        AgentryProcess server = AgentryProcess.embedded("json-logs", AgentryProcess.env("AGENTRY_LOG_FORMAT", "json"));
        Files.deleteIfExists(server.log());
        String taskId;
        try {
            server.start();
            taskId = server.api().submit(Map.of("agent", "echo", "payload", Map.of("fail", "permanent")));
            await("task " + taskId + " failed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.api().status(taskId), "failed"::equals);
        } finally {
            server.stop();
        }

        List<JsonNode> lines = parse(server.log());
        assertThat(lines).hasSizeGreaterThan(10).allSatisfy(line -> assertThat(FIELDS).as(line.toString())
                .allMatch(field -> line.path(field).isTextual()));
        assertThat(lines).as("the server's own lines").anyMatch(l -> l.path("message").asText().startsWith("Agentry is up"));
        assertThat(lines).as("a line about the task").anySatisfy(line -> {
            assertThat(line.path("task_id").asText()).isEqualTo(taskId);
            assertThat(line.path("agent").asText()).isEqualTo("echo");
            assertThat(line.path("level").asText()).isEqualTo("WARNING");
            assertThat(line.path("message").asText()).contains("echo was told to fail permanently");
        });
    }

    /** Every line of the log as a JSON object; fails on the first line that is not one. */
    private static List<JsonNode> parse(Path log) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node;
            try {
                node = STRICT.readTree(lines.get(i));
            } catch (IOException e) {
                throw new AssertionError("line " + (i + 1) + " of " + log + " is not JSON: " + lines.get(i), e);
            }
            if (!node.isObject()) {
                throw new AssertionError("line " + (i + 1) + " of " + log + " is not a JSON object: " + lines.get(i));
            }
            objects.add(node);
        }
        return objects;
    }
}
