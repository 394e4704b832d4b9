package io.agentry.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth) for one test class,
 * dropped afterwards.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final String adminUrl = System.getProperty("agentry.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private final String user = System.getProperty("agentry.it.postgres.user", "postgres");
    private final String name = "agentry_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public PostgresDatabase create() {
        execute("CREATE DATABASE " + name);
        return this;
    }

    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + adminUrl + " refused: " + sql, e);
        }
    }
}
