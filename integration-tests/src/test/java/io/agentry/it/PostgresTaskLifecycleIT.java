package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The task lifecycle on PostgreSQL (a fresh database on 127.0.0.1:5432) with the embedded broker.
 */
class PostgresTaskLifecycleIT extends TaskLifecycleContract {

    private static PostgresDatabase database;
    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        database = new PostgresDatabase().create();
        server = AgentryProcess.embedded("postgres-lifecycle", AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "1",
                "AGENTRY_DB_URL", database.url(),
                "AGENTRY_DB_USER", database.user())).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    AgentryProcess server() {
        return server;
    }
}
