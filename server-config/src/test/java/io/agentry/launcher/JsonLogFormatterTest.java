package io.agentry.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    private JsonNode format(LogRecord record) throws Exception {
        String line = formatter.format(record);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
        return JSON.readTree(line);
    }

    @Test
    void aRecordIsOneObjectWithTimestampLevelLoggerAndMessage() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "Queue {0} is {1}");
        record.setLoggerName("io.agentry.test");
        record.setParameters(new Object[] {"agentry.tasks", "full"});

        JsonNode json = format(record);

        assertThat(json.get("timestamp").asText()).isEqualTo(record.getInstant().toString());
        assertThat(json.get("level").asText()).isEqualTo("WARNING");
        assertThat(json.get("logger").asText()).isEqualTo("io.agentry.test");
        assertThat(json.get("message").asText()).isEqualTo("Queue agentry.tasks is full");
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void aRecordOfAnAnonymousLoggerStillNamesALogger() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "Unprocessed event");
        record.setSourceClassName("com.sun.enterprise.config.ConfigBean");

        assertThat(format(record).get("logger").asText()).isEqualTo("com.sun.enterprise.config.ConfigBean");
    }

    @Test
    void mapParametersBecomeFieldsButNeverReplaceTheRecordsOwn() throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("task_id", "4f0c");
        context.put("agent", "echo");
        context.put("session_id", null);
        context.put("message", "not this");
        LogRecord record = new LogRecord(Level.INFO, "{0}");
        record.setParameters(new Object[] {"Task 4f0c failed: {0} is not a pattern", context});

        JsonNode json = format(record);

        assertThat(json.get("message").asText()).isEqualTo("Task 4f0c failed: {0} is not a pattern");
        assertThat(json.get("task_id").asText()).isEqualTo("4f0c");
        assertThat(json.get("agent").asText()).isEqualTo("echo");
        assertThat(json.has("session_id")).isFalse();
    }

    @Test
    void theStackTraceStaysOnTheLine() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "Request failed");
        record.setThrown(new IllegalStateException("broken\n\tsecond line"));

        JsonNode json = format(record);

        assertThat(json.get("exception").asText()).startsWith("java.lang.IllegalStateException: broken\n\tsecond line")
                .contains("at io.agentry.launcher.JsonLogFormatterTest");
    }

    @Property
    void anyTextSurvivesAsOneJsonLine(@ForAll String message) throws Exception {
        LogRecord record = new LogRecord(Level.INFO, message);

        assertThat(format(record).get("message").asText()).isEqualTo(message);
    }

    @Test
    void theLogFormatIsPlainUnlessSetToJson() {
        assertThat(Settings.from(new Properties(), Map.of()).logFormat()).isEqualTo(Settings.LogFormat.PLAIN);
        assertThat(Settings.from(new Properties(), Map.of("AGENTRY_LOG_FORMAT", "JSON")).logFormat())
                .isEqualTo(Settings.LogFormat.JSON);
        assertThatThrownBy(() -> Settings.from(new Properties(), Map.of("AGENTRY_LOG_FORMAT", "xml")))
                .hasMessageContaining("AGENTRY_LOG_FORMAT must be plain or json");
    }
}
