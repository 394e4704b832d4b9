package io.agentry.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The asadmin commands that create Agentry's resources (agentry-resources.asadmin), filled in for
 * one server: where the broker and the database are and where the RAR lies. The launcher runs them
 * on Payara Micro; a full Payara Server takes the same commands.
 */
public final class ServerResources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

    private ServerResources() {
    }

    /** The commands, one per line, with every placeholder replaced; words are separated by single spaces. */
    public static List<String> commands(Settings settings, Path rar) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ra.properties", resourceAdapterProperties(settings));
        values.put("rar.path", rar.toAbsolutePath().toString());
        values.put("db.datasource", settings.dbUrl().isPresent() && settings.dbUrl().get().startsWith("jdbc:postgresql:")
                ? "org.postgresql.ds.PGSimpleDataSource" : "org.h2.jdbcx.JdbcDataSource");
        values.put("db.properties", databaseProperties(settings));
        List<String> commands = new ArrayList<>();
        for (String line : template().split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(trimmed);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("No value for ${" + m.group(1) + "}");
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            commands.add(filled.toString());
        }
        return commands;
    }

    private static String resourceAdapterProperties(Settings s) {
        StringBuilder p = new StringBuilder();
        if (s.embeddedBroker()) {
            // The broker runs in this JVM: its in-VM acceptor spares every send, delivery and XA call a trip through TCP.
            p.append("ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory")
                    .append(":ConnectionParameters=serverId\\=0");
        } else {
            p.append("ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory")
                    .append(":ConnectionParameters=host\\=").append(s.brokerHost())
                    .append(";port\\=").append(s.brokerPort());
        }
        p.append(":ConsumerWindowSize=0");
        s.brokerUser().ifPresent(u -> p.append(":UserName=").append(escape(u)));
        s.brokerPassword().ifPresent(pw -> p.append(":Password=").append(escape(pw)));
        return p.toString();
    }

    private static String databaseProperties(Settings s) {
        String url = s.dbUrl().orElseGet(() -> "jdbc:h2:file:" + s.dataDir().resolve("db").resolve("agentry")
                // Payara closes the pool at shutdown; H2 must not close the database under it first.
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // H2 parses every statement a connection prepares unless it is among the last few it
                // parsed (8 by default); the task path alone prepares more distinct statements than that.
                + ";QUERY_CACHE_SIZE=128");
        if (s.dbUser().isPresent() && s.dbPassword().isEmpty()) {
            // Payara refuses a pool user without a password; a passwordless (trust) login names the user in the URL.
            url += (url.contains("?") ? "&" : "?") + "user=" + s.dbUser().get();
        }
        StringBuilder p = new StringBuilder("URL=").append(escape(url));
        if (s.dbUser().isPresent() && s.dbPassword().isPresent()) {
            p.append(":user=").append(escape(s.dbUser().get()));
            p.append(":password=").append(escape(s.dbPassword().get()));
        }
        return p.toString();
    }

    /** asadmin separates properties with ':' and names from values with '='. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static String template() {
        try (InputStream in = ServerResources.class.getResourceAsStream("/agentry-resources.asadmin")) {
            if (in == null) {
                throw new IllegalStateException("agentry-resources.asadmin is missing from the launcher");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
