package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The task lifecycle on PostgreSQL (a fresh database on 127.0.0.1:5432) with the embedded broker.
 */
class PostgresTaskLifecycleIT extends TaskLifecycleContract {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start("postgres-lifecycle", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "1"));
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

    /** Agent memory on the same server. */
    @Nested
    class Memory extends MemoryContract {

        @Override
        AgentryProcess server() {
            return postgres.server();
        }
    }
}
