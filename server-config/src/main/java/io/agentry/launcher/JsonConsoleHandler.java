package io.agentry.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Writes log records as JSON lines to the process's standard error, the file descriptor itself:
 * in JSON mode {@code System.err} is redirected into the log (see {@link JsonLogging}), and a
 * handler writing there would feed its own output back to itself. Payara Micro creates this handler
 * from the logging properties it boots with, so it needs its public no-argument constructor.
 */
public class JsonConsoleHandler extends StreamHandler {

    public JsonConsoleHandler() {
        super(new FileOutputStream(FileDescriptor.err), new JsonLogFormatter());
    }

    /** Each line goes out at once, as with the JDK's console handler. */
    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }

    /** Standard error stays open when logging is reset or the JVM shuts down. */
    @Override
    public synchronized void close() {
        flush();
    }
}
