package io.agentry.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code AGENTRY_LOG_FORMAT=json}: from the first line on, everything the server writes is one JSON
 * object per line on standard error ({@link JsonConsoleHandler}). Payara Micro configures logging
 * afresh when it boots, from its own logging.properties; it is handed those same properties with
 * the JSON handler in place of its console handler. What code prints to {@code System.out} or
 * {@code System.err} (Payara does, when it shuts down) becomes a log record of the loggers
 * {@code stdout} and {@code stderr}, one per line.
 */
final class JsonLogging {

    /** Payara Micro's default logging configuration, inside payara-micro.jar: its levels are kept. */
    private static final String PAYARA_DEFAULTS = "MICRO-INF/domain/logging.properties";
    private static final String HANDLER = JsonConsoleHandler.class.getName();

    private JsonLogging() {
    }

    /** Switches this JVM's output to JSON; returns the logging properties to boot Payara Micro with. */
    static File install() throws IOException {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JsonConsoleHandler());
        Charset charset = Charset.defaultCharset();
        System.setOut(new PrintStream(new Lines(Logger.getLogger("stdout"), Level.INFO, charset), true, charset));
        System.setErr(new PrintStream(new Lines(Logger.getLogger("stderr"), Level.WARNING, charset), true, charset));
        return payaraProperties();
    }

    private static File payaraProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream defaults = JsonLogging.class.getClassLoader().getResourceAsStream(PAYARA_DEFAULTS)) {
            if (defaults != null) {
                properties.load(defaults);
            }
        }
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("java.util.logging.") || key.contains("Formatter."))
                .forEach(properties::remove);
        properties.setProperty("handlers", HANDLER);
        properties.setProperty(HANDLER + ".formatter", JsonLogFormatter.class.getName());
        Path file = Files.createTempFile("agentry-logging-", ".properties");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Payara Micro's logging configuration with Agentry's JSON handler");
        }
        return file.toFile();
    }

    /** An output stream that logs each line written to it. */
    static final class Lines extends OutputStream {

        private final Logger logger;
        private final Level level;
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(Logger logger, Level level, Charset charset) {
            this.logger = logger;
            this.level = level;
            this.charset = charset;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            emit();
        }

        private void emit() {
            String text = line.toString(charset);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (!text.isEmpty()) {
                logger.log(level, text);
            }
        }
    }
}
