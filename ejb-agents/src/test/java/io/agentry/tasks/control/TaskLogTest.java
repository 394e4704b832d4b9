package io.agentry.tasks.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.agents.spi.AgentTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskLogTest {

    private final Logger logger = Logger.getLogger(TaskLogTest.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    private static AgentTask task(UUID sessionId) {
        return new AgentTask(UUID.fromString("4f0c0000-0000-0000-0000-000000000001"), "echo", 1, null, null,
                sessionId, sessionId == null ? null : "step", null, List.of(), "alice");
    }

    @Test
    void aRecordCarriesTheTaskAndShowsTheMessageAsItIs() {
        IllegalStateException cause = new IllegalStateException("boom");

        TaskLog.of(TaskLogTest.class).log(Level.WARNING, task(null), "Task failed: '{0}' is no pattern", cause);

        LogRecord record = records.get(0);
        assertThat(record.getLevel()).isEqualTo(Level.WARNING);
        assertThat(record.getLoggerName()).isEqualTo(TaskLogTest.class.getName());
        assertThat(record.getThrown()).isSameAs(cause);
        assertThat(new SimpleFormatter().formatMessage(record)).isEqualTo("Task failed: '{0}' is no pattern");
        assertThat(record.getParameters()).contains(
                Map.of("task_id", "4f0c0000-0000-0000-0000-000000000001", "agent", "echo"));
    }

    @Test
    void aStepNamesItsSession() {
        UUID session = UUID.randomUUID();

        TaskLog.of(TaskLogTest.class).log(Level.INFO, task(session), "retry");

        assertThat(records.get(0).getParameters()[1]).isEqualTo(Map.of(
                "task_id", "4f0c0000-0000-0000-0000-000000000001", "session_id", session.toString(), "agent", "echo"));
    }

    @Test
    void nothingIsBuiltBelowTheLoggersLevel() {
        TaskLog.of(TaskLogTest.class).log(Level.FINE, task(null), "started");

        assertThat(records).isEmpty();
    }
}
