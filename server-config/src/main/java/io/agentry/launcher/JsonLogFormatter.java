package io.agentry.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log record, on one line: {@code timestamp} (UTC, ISO-8601), {@code level},
 * {@code logger}, {@code thread}, {@code message}, {@code exception} (the stack trace) when there is
 * one, and the entries of any map among the record's parameters as fields of their own: this is how
 * the application's task log lines carry {@code task_id}, {@code session_id} and {@code agent}.
 */
public class JsonLogFormatter extends Formatter {

    private static final Set<String> OWN_FIELDS = Set.of("timestamp", "level", "logger", "thread", "message",
            "exception");

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "timestamp", record.getInstant().toString());
        field(json, "level", record.getLevel().getName());
        field(json, "logger", loggerOf(record));
        // Console and file handlers format on the thread that logs.
        field(json, "thread", Thread.currentThread().getName());
        field(json, "message", Objects.toString(formatMessage(record), ""));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(json, "exception", trace.toString());
        }
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                if (parameter instanceof Map<?, ?> fields) {
                    fields.forEach((name, value) -> {
                        if (name != null && value != null && !OWN_FIELDS.contains(name.toString())) {
                            field(json, name.toString(), value.toString());
                        }
                    });
                }
            }
        }
        return json.append('}').append(System.lineSeparator()).toString();
    }

    /** Records of anonymous loggers (Payara logs some so) name the class that logged instead, else "". */
    private static String loggerOf(LogRecord record) {
        if (record.getLoggerName() != null) {
            return record.getLoggerName();
        }
        return Objects.toString(record.getSourceClassName(), "");
    }

    private static void field(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        string(json, name);
        json.append(':');
        string(json, value);
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
