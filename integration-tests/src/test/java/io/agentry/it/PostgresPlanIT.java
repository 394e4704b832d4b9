package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Plans on PostgreSQL, where concurrent step outcomes really contend for the session's row lock.
 */
class PostgresPlanIT extends PlanContract {

    private static PostgresDatabase database;
    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        database = new PostgresDatabase().create();
        server = AgentryProcess.embedded("postgres-plans", AgentryProcess.env(
                "AGENTRY_AGENTS_ECHO_CONCURRENCY", "4",
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
