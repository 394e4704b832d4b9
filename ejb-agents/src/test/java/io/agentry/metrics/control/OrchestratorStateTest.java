package io.agentry.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The breaker gauge's values of DESIGN §8. */
class OrchestratorStateTest {

    @Test
    void closedIsZeroHalfOpenOneOpenTwo() {
        assertThat(OrchestratorState.breakerValue("closed")).isZero();
        assertThat(OrchestratorState.breakerValue("half_open")).isEqualTo(1);
        assertThat(OrchestratorState.breakerValue("open")).isEqualTo(2);
    }

    @Test
    void anAgentWithoutABreakerNeverRefusesAsIfClosed() {
        assertThat(OrchestratorState.breakerValue("disabled")).isZero();
    }
}
