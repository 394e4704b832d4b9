package io.agentry.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The launcher's configuration. Each setting is a system property ({@code agentry.http.port}) or
 * the environment variable MicroProfile Config would map to it ({@code AGENTRY_HTTP_PORT}); the
 * system property wins.
 */
public record Settings(
        int httpPort,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<URI> brokerUrl,
        Optional<String> brokerUser,
        Optional<String> brokerPassword,
        int embeddedBrokerPort,
        boolean cluster,
        LogFormat logFormat) {

    /** How the server writes its log: Payara's text format, or one JSON object per line. */
    public enum LogFormat {
        PLAIN, JSON;

        static LogFormat of(String value) {
            for (LogFormat format : values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("AGENTRY_LOG_FORMAT must be plain or json, not '" + value + "'");
        }
    }

    public static Settings from(Properties system, Map<String, String> env) {
        Lookup lookup = new Lookup(system, env);
        return new Settings(
                lookup.integer("agentry.http.port", 8080),
                Path.of(lookup.get("agentry.data.dir").orElse("data")).toAbsolutePath().normalize(),
                lookup.get("agentry.db.url"),
                lookup.get("agentry.db.user"),
                lookup.get("agentry.db.password"),
                lookup.get("agentry.broker.url").map(Settings::brokerUri),
                lookup.get("agentry.broker.user"),
                lookup.get("agentry.broker.password"),
                lookup.integer("agentry.broker.port", 61616),
                Boolean.parseBoolean(lookup.get("agentry.cluster").orElse("false")),
                lookup.get("agentry.log.format").map(LogFormat::of).orElse(LogFormat.PLAIN));
    }

    public boolean embeddedBroker() {
        return brokerUrl.isEmpty();
    }

    public String brokerHost() {
        return brokerUrl.map(URI::getHost).orElse("127.0.0.1");
    }

    public int brokerPort() {
        return brokerUrl.map(u -> u.getPort() < 0 ? 61616 : u.getPort()).orElse(embeddedBrokerPort);
    }

    public Path brokerDataDir() {
        return dataDir.resolve("broker");
    }

    private static URI brokerUri(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("AGENTRY_BROKER_URL must look like tcp://host:port, not " + url);
        }
        return uri;
    }

    /** Reads a key as a system property or as its environment variable. */
    record Lookup(Properties system, Map<String, String> env) {

        Optional<String> get(String key) {
            String value = system.getProperty(key);
            if (value == null) {
                value = env.get(envName(key));
            }
            return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
        }

        int integer(String key, int fallback) {
            return get(key).map(v -> {
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(envName(key) + " must be a number, not '" + v + "'");
                }
            }).orElse(fallback);
        }

        static String envName(String key) {
            return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        }
    }
}
