package io.agentry.tasks.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Task newTask(int maxRetries) {
        Agent echo = new Agent("echo", AgentKind.MDB, "test", "[]", "{}", T0);
        return Task.forAgent(echo)
                .input("{}")
                .retryPolicy(new RetryPolicy(maxRetries, 1000, 2.0, 300_000, false))
                .createdAt(T0);
    }

    /** Starts the current attempt with five minutes to report. */
    private static void start(Task task, Instant at) {
        task.start(at, at.plus(Duration.ofMinutes(5)));
    }

    @Test
    void happyPathRunsPendingQueuedInProgressCompleted() {
        Task task = newTask(3);
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        task.queue(T0);
        start(task, T0.plusSeconds(1));
        task.complete("{\"x\":1}", T0.plusSeconds(3));
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.executionSeconds()).isEqualTo(2.0);
        assertThat(task.outputJson()).isEqualTo("{\"x\":1}");
    }

    @Test
    void completedTaskCannotStartAgain() {
        Task task = newTask(3);
        task.queue(T0);
        start(task, T0);
        task.complete("{}", T0);
        assertThatThrownBy(() -> start(task, T0))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("A task that is completed cannot become in_progress");
    }

    @Test
    void pendingTaskCannotComplete() {
        Task task = newTask(3);
        assertThatThrownBy(() -> task.complete("{}", T0)).isInstanceOf(IllegalTransitionException.class);
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void queuedTaskCannotFailWithoutRunning() {
        Task task = newTask(3);
        task.queue(T0);
        assertThatThrownBy(() -> task.fail("boom", T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aTaskOfAPausedAgentWaitsOffTheQueueAndItsMessagesAreStaleUntilItIsQueuedAgain() {
        Task task = newTask(3);
        task.queue(T0);
        task.pause(T0.plusSeconds(1));
        assertThat(task.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(task.isActive()).isTrue();
        assertThat(task.awaits(1)).isFalse();
        assertThat(task.isBehind(1)).isFalse();
        assertThatThrownBy(() -> task.start(T0, T0.plusSeconds(60))).isInstanceOf(IllegalTransitionException.class);
        task.queue(T0.plusSeconds(2));
        assertThat(task.awaits(1)).isTrue();
        task.start(T0.plusSeconds(3), T0.plusSeconds(63));
        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aPausedTaskCanBeCancelled() {
        Task task = newTask(3);
        task.queue(T0);
        task.pause(T0);
        assertThat(task.cancel("no longer needed", T0)).isTrue();
        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "CANCELLED"})
    void finalStatesLeadNowhere(TaskStatus terminal) {
        for (TaskStatus next : TaskStatus.values()) {
            assertThat(terminal.canBecome(next)).as(terminal + " -> " + next).isFalse();
        }
        assertThat(terminal.isTerminal()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyStatusIsPendingActiveOrTerminalAndOnlyOne(TaskStatus status) {
        int kinds = (status == TaskStatus.PENDING ? 1 : 0) + (status.isActive() ? 1 : 0) + (status.isTerminal() ? 1 : 0);
        assertThat(kinds).as(status.name()).isEqualTo(1);
    }

    @Test
    void failedAttemptsScheduleRetriesUntilThePolicyRunsOutThenTheTaskIsDead() {
        Task task = newTask(2);
        task.queue(T0);
        start(task, T0);
        assertThat(task.failAttempt("first", T0, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(task.status()).isEqualTo(TaskStatus.RETRY_SCHEDULED);
        assertThat(task.retryCount()).isEqualTo(1);
        assertThat(task.currentAttempt()).isEqualTo(2);
        assertThat(task.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));

        start(task, T0.plusSeconds(1));
        assertThat(task.failAttempt("second", T0, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        start(task, T0.plusSeconds(3));
        assertThat(task.failAttempt("third", T0.plusSeconds(4), () -> 0.5)).isNull();
        assertThat(task.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(task.retryCount()).isEqualTo(2);
        assertThat(task.errorMessage()).isEqualTo("third");
        assertThat(task.completedAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void onlyTheCurrentAttemptOfAWaitingTaskRuns() {
        Task task = newTask(3);
        task.queue(T0);
        assertThat(task.awaits(1)).isTrue();
        assertThat(task.awaits(2)).isFalse();
        start(task, T0);
        assertThat(task.awaits(1)).as("redelivery after a crash").isTrue();
        task.failAttempt("x", T0, () -> 0);
        assertThat(task.awaits(1)).as("stale message of the failed attempt").isFalse();
        assertThat(task.awaits(2)).isTrue();
        start(task, T0);
        task.complete("{}", T0);
        assertThat(task.awaits(2)).isFalse();
    }

    @Test
    void aWaitingTaskResumesOnTheQueueForTheSameAttemptAndCanBeCancelledMeanwhile() {
        Task task = newTask(3);
        task.queue(T0);
        start(task, T0);
        task.awaitSubtasks(T0);
        assertThat(task.status()).isEqualTo(TaskStatus.WAITING);
        assertThat(task.isRunning()).isTrue();
        assertThat(task.awaits(1)).as("no message runs a waiting task").isFalse();
        assertThatThrownBy(() -> task.complete("{}", T0)).isInstanceOf(IllegalTransitionException.class);

        assertThat(task.cancel("stop", T0)).as("cancel is deferred until the agent returns").isFalse();
        assertThat(task.cancelRequested()).isTrue();
        task.resume(T0);
        assertThat(task.awaits(1)).isTrue();
        start(task, T0);
        task.endCancelled("{}", T0);
        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aMessageAheadOfItsRowIsRecognisedAndNotMistakenForAStaleOne() {
        Task task = newTask(3);
        assertThat(task.isBehind(1)).as("pending: the sending transaction is not visible yet").isTrue();
        task.queue(T0);
        assertThat(task.isBehind(1)).isFalse();
        assertThat(task.awaits(1)).isTrue();
        start(task, T0);
        task.failAttempt("x", T0, () -> 0);
        assertThat(task.isBehind(1)).as("an old attempt is stale, not ahead").isFalse();
        assertThat(task.awaits(1)).isFalse();
        assertThat(task.isBehind(3)).as("an attempt not yet scheduled here").isTrue();
        start(task, T0);
        task.awaitSubtasks(T0);
        assertThat(task.isBehind(2)).as("the resume is not visible yet").isTrue();
    }

    @Test
    void longErrorsAreCutToTheColumn() {
        Task task = newTask(0);
        task.queue(T0);
        start(task, T0);
        task.fail("e".repeat(10_000), T0);
        assertThat(task.errorMessage()).hasSize(4000);
    }

    @Test
    void apiNamesRoundTrip() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(TaskStatus.fromApiName(status.apiName())).isEqualTo(status);
        }
        assertThat(TaskStatus.fromApiName("bogus")).isNull();
    }
}
