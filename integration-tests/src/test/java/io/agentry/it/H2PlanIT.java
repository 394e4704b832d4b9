package io.agentry.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Plans on the embedded defaults: embedded Artemis and H2.
 */
class H2PlanIT extends PlanContract {

    private static AgentryProcess server;

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("h2-plans", AgentryProcess.env("AGENTRY_AGENTS_ECHO_CONCURRENCY", "4")).start();
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
}
