package io.agentry.tasks.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A task's deadline across its attempts, each attempt's limit, and the attempt deadline the watchdog reads. */
class TaskDeadlineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DEFAULT_LIMIT = Duration.ofMinutes(5);
    private static final Agent ECHO = new Agent("echo", AgentKind.MDB, "test", "[]", "{}", T0);

    private static Task task(Integer timeoutSeconds, RetryPolicy policy) {
        return Task.forAgent(ECHO).input("{}").retryPolicy(policy).timeoutSeconds(timeoutSeconds).createdAt(T0);
    }

    private static Task running(Integer timeoutSeconds, RetryPolicy policy, Instant at) {
        Task task = task(timeoutSeconds, policy);
        task.queue(T0);
        task.start(at, at.plus(task.attemptLimit(DEFAULT_LIMIT, at)).plusSeconds(60));
        return task;
    }

    private static RetryPolicy retries(int max, long backoffMs) {
        return new RetryPolicy(max, backoffMs, 1.0, backoffMs, false);
    }

    @Test
    void theDeadlineIsCreationPlusTheTimeoutAndThereIsNoneWithoutOne() {
        assertThat(task(30, retries(3, 1000)).deadline()).isEqualTo(T0.plusSeconds(30));
        Task unbounded = task(null, retries(3, 1000));
        assertThat(unbounded.deadline()).isNull();
        assertThat(unbounded.isPastDeadline(T0.plus(Duration.ofDays(3650)))).isFalse();
        assertThat(task(30, retries(3, 1000)).isPastDeadline(T0.plusSeconds(30))).as("the deadline itself").isTrue();
    }

    @Test
    void anAttemptTakesTheDefaultLimitItsOwnLimitOrWhatIsLeftBeforeTheDeadline() {
        assertThat(task(null, retries(3, 1000)).attemptLimit(DEFAULT_LIMIT, T0)).isEqualTo(DEFAULT_LIMIT);
        Task step = Task.forAgent(ECHO).input("{}").retryPolicy(retries(3, 1000)).attemptTimeoutMs(2500L)
                .createdAt(T0);
        assertThat(step.attemptLimit(DEFAULT_LIMIT, T0)).isEqualTo(Duration.ofMillis(2500));
        Task bounded = task(60, retries(3, 1000));
        assertThat(bounded.attemptLimit(DEFAULT_LIMIT, T0.plusSeconds(45))).isEqualTo(Duration.ofSeconds(15));
        assertThat(bounded.attemptLimit(DEFAULT_LIMIT, T0)).as("the deadline is further than the default")
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anAttemptThatFailsAfterTheDeadlineTimesTheTaskOutInsteadOfRetrying() {
        Task task = running(2, retries(3, 10), T0);

        assertThat(task.failAttempt("interrupted", T0.plusSeconds(2), () -> 0.5)).isNull();

        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(task.retryCount()).isZero();
        assertThat(task.completedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(task.errorMessage()).contains("timeout of 2 s").contains("interrupted");
        assertThat(task.runs(1)).isFalse();
    }

    @Test
    void aRetryThatWouldStartAfterTheDeadlineIsNotScheduled() {
        Task task = running(3, retries(3, 10_000), T0);

        assertThat(task.failAttempt("boom", T0.plusMillis(100), () -> 0.5)).isNull();

        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(task.nextAttemptAt()).isNull();
        assertThat(task.errorMessage()).contains("would start after the task's deadline").contains("boom");
    }

    @Test
    void aRetryBeforeTheDeadlineIsScheduledAndSpentRetriesStillMeanDead() {
        Task task = running(60, retries(1, 1000), T0);
        assertThat(task.failAttempt("first", T0.plusSeconds(1), () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(task.status()).isEqualTo(TaskStatus.RETRY_SCHEDULED);

        task.start(T0.plusSeconds(2), T0.plusSeconds(120));
        assertThat(task.failAttempt("second", T0.plusSeconds(3), () -> 0.5)).isNull();
        assertThat(task.status()).isEqualTo(TaskStatus.DEAD);
    }

    @Test
    void aTaskTimesOutFromEveryStateInWhichItWaitsOrRuns() {
        Task queued = task(5, retries(3, 1000));
        queued.queue(T0);
        queued.timeOut("late", T0.plusSeconds(5));
        assertThat(queued.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(queued.runs(1)).as("its message is stale now").isFalse();
        assertThat(queued.awaits(1)).isFalse();

        Task scheduled = running(5, retries(3, 1000), T0);
        scheduled.failAttempt("x", T0, () -> 0.5);
        scheduled.timeOut("late", T0.plusSeconds(5));
        assertThat(scheduled.nextAttemptAt()).isNull();

        Task waiting = running(5, retries(3, 1000), T0);
        waiting.awaitSubtasks(T0);
        waiting.timeOut("late", T0.plusSeconds(5));
        assertThat(waiting.status()).isEqualTo(TaskStatus.TIMED_OUT);

        Task pending = task(5, retries(3, 1000));
        assertThatThrownBy(() -> pending.timeOut("late", T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anAttemptIsLostOnlyWhileInProgressPastItsAttemptDeadline() {
        Task task = task(null, retries(3, 1000));
        task.queue(T0);
        task.start(T0, T0.plusSeconds(10));
        assertThat(task.isLost(T0.plusSeconds(9))).isFalse();
        assertThat(task.isLost(T0.plusSeconds(10))).isTrue();

        task.start(T0.plusSeconds(5), T0.plusSeconds(20));
        assertThat(task.isLost(T0.plusSeconds(10))).as("a redelivery starts the clock again").isFalse();

        task.awaitSubtasks(T0.plusSeconds(6));
        assertThat(task.attemptDeadline()).as("no attempt runs while it waits").isNull();
        assertThat(task.isLost(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void aLostAttemptGivenUpLeavesItsLateOutcomeWithoutEffect() {
        Task task = running(null, retries(3, 1000), T0);
        assertThat(task.runs(1)).isTrue();

        task.failAttempt("lost", T0.plusSeconds(400), () -> 0.5);

        assertThat(task.runs(1)).as("the old worker's outcome").isFalse();
        assertThat(task.awaits(1)).as("the old message").isFalse();
        assertThat(task.awaits(2)).isTrue();
        assertThat(task.attemptDeadline()).isNull();
    }

    @Test
    void retryingATimedOutTaskByHandGivesItItsTimeoutAgain() {
        Task task = running(2, retries(3, 10), T0);
        task.failAttempt("x", T0.plusSeconds(3), () -> 0.5);

        task.retry(T0.plusSeconds(100));

        assertThat(task.deadline()).isEqualTo(T0.plusSeconds(102));
        task.queue(T0.plusSeconds(100));
        assertThat(task.isPastDeadline(T0.plusSeconds(101))).isFalse();
    }

    @Property
    void aRetryIsNeverScheduledAtOrPastTheDeadline(
            @ForAll @IntRange(min = 1, max = 86_400) int timeoutSeconds,
            @ForAll @IntRange(min = 0, max = 5) int maxRetries,
            @ForAll @LongRange(min = 0, max = 600_000) long backoffMs,
            @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
            @ForAll boolean jitter,
            @ForAll @LongRange(min = 0, max = 100_000_000) long failsAfterMs,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double random) {
        Task task = running(timeoutSeconds, new RetryPolicy(maxRetries, backoffMs, multiplier, 3_600_000, jitter), T0);
        Instant failedAt = T0.plusMillis(failsAfterMs);

        Duration delay = task.failAttempt("x", failedAt, () -> random);

        if (delay != null) {
            assertThat(task.status()).isEqualTo(TaskStatus.RETRY_SCHEDULED);
            assertThat(task.nextAttemptAt()).isBefore(task.deadline());
        } else {
            assertThat(task.status()).isIn(TaskStatus.TIMED_OUT, TaskStatus.DEAD);
            assertThat(task.status() == TaskStatus.DEAD).as("dead only before the deadline, with no retries left")
                    .isEqualTo(maxRetries == 0 && failedAt.isBefore(task.deadline()));
        }
    }

    @Property
    void anAttemptNeverRunsPastTheDeadlineNorLongerThanItsLimit(
            @ForAll @IntRange(min = 1, max = 86_400) int timeoutSeconds,
            @ForAll @LongRange(min = 1, max = 86_400_000) long defaultLimitMs,
            @ForAll @LongRange(min = 0, max = 86_399_999) long startsAfterMs) {
        Task task = task(timeoutSeconds, retries(3, 1000));
        Instant start = T0.plusMillis(startsAfterMs);
        if (task.isPastDeadline(start)) {
            return;
        }

        Duration limit = task.attemptLimit(Duration.ofMillis(defaultLimitMs), start);

        assertThat(limit).isPositive().isLessThanOrEqualTo(Duration.ofMillis(defaultLimitMs));
        assertThat(start.plus(limit)).isBeforeOrEqualTo(task.deadline());
    }
}
