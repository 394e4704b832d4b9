package io.agentry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the local PostgreSQL (trust authentication), dropped afterwards so that
 * every run starts from an empty schema.
 */
final class PostgresDatabase implements AutoCloseable {

    private final String server;
    private final String user;
    private final String name;

    private PostgresDatabase(String server, String user, String name) {
        this.server = server;
        this.user = user;
        this.name = name;
    }

    /** {@code server} is like {@code jdbc:postgresql://127.0.0.1:5432/}. */
    static PostgresDatabase create(String server, String user) throws SQLException {
        PostgresDatabase database = new PostgresDatabase(server, user, "agentry_bench_" + System.currentTimeMillis());
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    String url() {
        return server + name;
    }

    String user() {
        return user;
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
