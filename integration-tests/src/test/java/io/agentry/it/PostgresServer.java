package io.agentry.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server on PostgreSQL (a fresh database on 127.0.0.1:5432) with the embedded broker; closing it
 * stops the server and drops the database.
 */
final class PostgresServer implements AutoCloseable {

    private final PostgresDatabase database;
    private final AgentryProcess server;

    private PostgresServer(PostgresDatabase database, AgentryProcess server) {
        this.database = database;
        this.server = server;
    }

    static PostgresServer start(String name, Map<String, String> env) {
        PostgresDatabase database = new PostgresDatabase().create();
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("AGENTRY_DB_URL", database.url());
        all.put("AGENTRY_DB_USER", database.user());
        try {
            return new PostgresServer(database, AgentryProcess.embedded(name, all).start());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    AgentryProcess server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            database.close();
        }
    }
}
