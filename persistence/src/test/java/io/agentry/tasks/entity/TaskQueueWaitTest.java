package io.agentry.tasks.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long an attempt waited to start: since it was queued, or since its retry was due. */
class TaskQueueWaitTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Agent ECHO = new Agent("echo", AgentKind.MDB, "test", "[]", "{}", T0);

    private static Task task() {
        return Task.forAgent(ECHO).input("{}").retryPolicy(new RetryPolicy(3, 1000, 1.0, 1000, false)).createdAt(T0);
    }

    @Test
    void aQueuedTaskWaitsFromItsQueueing() {
        Task task = task();
        task.queue(T0.plusSeconds(2));

        assertThat(task.waitSinceDue(T0.plusMillis(2250))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aRetryWaitsFromItsScheduledTimeNotFromTheFailure() {
        Task task = task();
        task.queue(T0);
        task.start(T0.plusSeconds(1), T0.plusSeconds(100));
        Duration delay = task.failAttempt("boom", T0.plusSeconds(2), () -> 0.5);

        Instant due = T0.plusSeconds(2).plus(delay);
        assertThat(task.waitSinceDue(due.plusMillis(40))).isEqualTo(Duration.ofMillis(40));
        assertThat(task.waitSinceDue(due.minusMillis(5))).as("delivered a little early").isEqualTo(Duration.ZERO);
    }

    @Test
    void aTaskThatIsNotWaitingHasNoWait() {
        Task task = task();
        assertThat(task.waitSinceDue(T0)).as("pending").isNull();
        task.queue(T0);
        task.start(T0.plusSeconds(1), T0.plusSeconds(100));
        assertThat(task.waitSinceDue(T0.plusSeconds(2))).as("in progress").isNull();
    }
}
