package io.agentry.diagnostics.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.agents.spi.AwaitSubtasks;
import io.agentry.agents.spi.SubtaskResult;
import java.util.List;
import io.agentry.platform.control.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoAgentTest {

    private final EchoAgent echo = new EchoAgent();

    private static AgentTask attempt(int attempt, String payload) {
        return new AgentTask(UUID.randomUUID(), "echo", attempt, Json.read(payload), null, null, null, null, null, null);
    }

    @Test
    void returnsItsPayload() throws Exception {
        JsonNode payload = Json.read("{\"x\":1,\"nested\":{\"y\":[1,2]}}");
        echo.validate(payload);
        assertThat(echo.process(attempt(1, "{\"x\":1,\"nested\":{\"y\":[1,2]}}"))).isEqualTo(payload);
    }

    @Test
    void failsTheFirstAttemptsRetryablyThenSucceeds() throws Exception {
        String payload = "{\"fail_first\":2}";
        for (int attempt = 1; attempt <= 2; attempt++) {
            int n = attempt;
            assertThatThrownBy(() -> echo.process(attempt(n, payload)))
                    .isInstanceOfSatisfying(AgentFailure.class, f -> assertThat(f.isRetryable()).isTrue());
        }
        assertThat(echo.process(attempt(3, payload)).get("fail_first").asInt()).isEqualTo(2);
    }

    @Test
    void failsPermanentlyWhenTold() {
        assertThatThrownBy(() -> echo.process(attempt(1, "{\"fail\":\"permanent\"}")))
                .isInstanceOfSatisfying(AgentFailure.class, f -> assertThat(f.isRetryable()).isFalse());
    }

    @Test
    void handsSpawnToSubtasksAndAnswersWithTheirOutcomesWhenResumed() throws Exception {
        String payload = "{\"spawn\":[{\"agent\":\"echo\",\"payload\":{\"n\":1}},{\"agent\":\"echo\",\"payload\":{\"n\":2}}]}";
        echo.validate(Json.read(payload));
        assertThatThrownBy(() -> echo.process(attempt(1, payload)))
                .isInstanceOfSatisfying(AwaitSubtasks.class, w -> assertThat(w.subtasks())
                        .extracting(s -> s.payload().get("n").asInt()).containsExactly(1, 2));

        SubtaskResult done = new SubtaskResult(UUID.randomUUID(), "echo", "completed", Json.read("{\"n\":1}"), null);
        AgentTask resumed = new AgentTask(UUID.randomUUID(), "echo", 1, Json.read(payload), null, null, null, null,
                List.of(done), "alice");
        assertThat(echo.process(resumed).get("subtasks").get(0).get("result").get("n").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"spawn\":[]}", "{\"spawn\":[{\"payload\":{}}]}", "{\"spawn\":{}}",
        "{\"delay_ms\":-1}", "{\"delay_ms\":\"soon\"}", "{\"delay_ms\":1.5}", "{\"delay_ms\":600001}",
        "{\"fail_first\":-2}", "{\"fail_first\":\"x\"}", "{\"fail\":\"sometimes\"}", "{\"fail\":true}",
        "{\"remember\":{\"value\":1}}", "{\"remember\":{\"key\":\"k\"}}", "{\"remember\":{\"key\":\"k\",\"value\":null}}",
        "{\"remember\":{\"key\":\"\",\"value\":1}}", "{\"remember\":{\"key\":\"k\",\"value\":1,\"memory_type\":\"forever\"}}",
        "{\"remember\":{\"key\":\"k\",\"value\":1,\"ttl_seconds\":0}}", "{\"recall\":7}", "{\"recall\":\"\"}"})
    void refusesInputItCannotWorkOnWithAPermanentFailure(String payload) {
        assertThatThrownBy(() -> echo.validate(Json.read(payload)))
                .isInstanceOfSatisfying(AgentFailure.class, f -> assertThat(f.isRetryable()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"delay_ms\":0}", "{\"delay_ms\":600000}", "{\"fail_first\":0}", "[1,2]", "\"text\""})
    void acceptsWhatItUnderstands(String payload) throws AgentFailure {
        echo.validate(Json.read(payload));
    }
}
