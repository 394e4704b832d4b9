package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Plans on PostgreSQL, where concurrent step outcomes really contend for the session's row lock.
 */
class PostgresPlanIT extends PlanContract {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start("postgres-plans", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "4"));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    AgentryProcess server() {
        return postgres.server();
    }
}
