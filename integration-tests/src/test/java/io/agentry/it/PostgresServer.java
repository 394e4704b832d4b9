package io.agentry.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server on PostgreSQL (a fresh database on 127.0.0.1:5432) with the embedded broker, and any
 * further servers started on the same database; closing it stops them all and drops the database.
 */
final class PostgresServer implements AutoCloseable {

    private final PostgresDatabase database;
    private final AgentryProcess server;
    private final List<AgentryProcess> others = new ArrayList<>();

    private PostgresServer(PostgresDatabase database, AgentryProcess server) {
        this.database = database;
        this.server = server;
    }

    static PostgresServer start(String name, Map<String, String> env) {
        PostgresDatabase database = new PostgresDatabase().create();
        try {
            return new PostgresServer(database, AgentryProcess.embedded(name, on(database, env)).start());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    AgentryProcess server() {
        return server;
    }

    /**
     * Another server on the same database, with a data directory and embedded broker of its own (so
     * none of the first server's messages); not started yet, stopped when this closes.
     */
    AgentryProcess another(String name, Map<String, String> env) {
        AgentryProcess other = AgentryProcess.embedded(name, on(database, env));
        synchronized (others) {
            others.add(other);
        }
        return other;
    }

    private static Map<String, String> on(PostgresDatabase database, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("AGENTRY_DB_URL", database.url());
        all.put("AGENTRY_DB_USER", database.user());
        return all;
    }

    @Override
    public void close() {
        try {
            others.forEach(AgentryProcess::stop);
            server.stop();
        } finally {
            database.close();
        }
    }
}
