package io.agentry.tasks.control;

import io.agentry.agents.spi.AgentTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines about one task. Each record carries {@code task_id}, {@code session_id} (for a plan's
 * step) and {@code agent} as a map among its parameters: the JSON log format
 * ({@code AGENTRY_LOG_FORMAT=json}) prints them as fields, and plain logs show just the message.
 * JUL has no MDC; a parameter travels with the record to whichever thread formats it.
 */
public final class TaskLog {

    /** The message itself is the first parameter, so no text of it is ever read as a format pattern. */
    private static final String MESSAGE = "{0}";

    private final Logger logger;

    private TaskLog(Logger logger) {
        this.logger = logger;
    }

    public static TaskLog of(Class<?> owner) {
        return new TaskLog(Logger.getLogger(owner.getName()));
    }

    public void log(Level level, AgentTask task, String message) {
        log(level, task, message, null);
    }

    public void log(Level level, AgentTask task, String message, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, MESSAGE);
        record.setParameters(new Object[] {message, context(task)});
        record.setThrown(thrown);
        record.setLoggerName(logger.getName());
        record.setSourceClassName(logger.getName());
        logger.log(record);
    }

    static Map<String, Object> context(AgentTask task) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("task_id", task.id().toString());
        if (task.sessionId() != null) {
            context.put("session_id", task.sessionId().toString());
        }
        context.put("agent", task.agent());
        return context;
    }
}
