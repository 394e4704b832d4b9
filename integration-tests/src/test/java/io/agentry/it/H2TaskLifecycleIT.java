package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The task lifecycle on the embedded defaults: embedded Artemis and the H2 file database.
 */
class H2TaskLifecycleIT extends TaskLifecycleContract {

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("h2-lifecycle", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "1"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    AgentryProcess server() {
        return server;
    }

    /** Agent memory on the same server. */
    @Nested
    class Memory extends MemoryContract {

        @Override
        AgentryProcess server() {
            return server;
        }
    }
}
