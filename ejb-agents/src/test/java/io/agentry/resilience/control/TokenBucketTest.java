package io.agentry.resilience.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of an agent's token bucket on a clock the test moves: refusals say when to come
 * back, reservations line up one refill apart, and neither ever lets more through than the limit.
 */
class TokenBucketTest {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    /**
     * Refill periods are rarely whole nanoseconds (7 per minute: 8571428571.43 ns), and the bucket
     * rounds its waits to nanoseconds either way; the laws hold up to this much.
     */
    private static final long ROUNDING_NANOS = 1_000;

    /** A clock that only moves when told. */
    private static final class ManualClock implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualClock clock = new ManualClock();

    private Bucket bucket(TokenBucket limit) {
        return Bucket.builder().addLimit(limit.bandwidth()).withCustomTimePrecision(clock).build();
    }

    @Test
    void burstIsAdmittedAtOnceAndTheRestIsToldToComeBackWhenATokenIsThere() {
        Bucket bucket = bucket(new TokenBucket(60, 5));
        List<Optional<Duration>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(TokenBucket.tryTake(bucket));
        }

        assertThat(answers.subList(0, 5)).allMatch(Optional::isEmpty);
        assertThat(answers.subList(5, 20)).allMatch(answer -> answer.equals(Optional.of(Duration.ofSeconds(1))));

        clock.nanos = Duration.ofMillis(999).toNanos();
        assertThat(TokenBucket.tryTake(bucket)).isPresent();
        clock.nanos = Duration.ofSeconds(1).toNanos();
        assertThat(TokenBucket.tryTake(bucket)).isEmpty();
        assertThat(TokenBucket.tryTake(bucket)).contains(Duration.ofSeconds(1));
    }

    @Test
    void reservationsBeyondTheBurstWaitOneRefillEach() {
        Bucket bucket = bucket(new TokenBucket(60, 5));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(TokenBucket.reserve(bucket));
        }

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5));
        // Reserved tokens are spoken for: a submit-style take finds none until the debt is paid.
        clock.nanos = Duration.ofSeconds(5).toNanos();
        assertThat(TokenBucket.tryTake(bucket)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aChangedLimitNamesAnotherBucket() {
        assertThat(new TokenBucket(60, 5).key("echo", "submit"))
                .isNotEqualTo(new TokenBucket(60, 6).key("echo", "submit"))
                .isNotEqualTo(new TokenBucket(61, 5).key("echo", "submit"))
                .isNotEqualTo(new TokenBucket(60, 5).key("echo", "dispatch"))
                .isNotEqualTo(new TokenBucket(60, 5).key("other", "submit"));
    }

    @Property
    void admitsNeverMoreThanBurstPlusRefillInAnyWindow(@ForAll @IntRange(min = 1, max = 600) int ratePerMinute,
            @ForAll @IntRange(min = 1, max = 30) int burst,
            @ForAll @Size(max = 150) List<@LongRange(max = 3_000_000_000L) Long> gaps) {
        Bucket bucket = bucket(new TokenBucket(ratePerMinute, burst));
        List<Long> granted = new ArrayList<>();
        for (long gap : gaps) {
            clock.nanos += gap;
            Optional<Duration> refused = TokenBucket.tryTake(bucket);
            if (refused.isEmpty()) {
                granted.add(clock.nanos);
            } else {
                assertThat(refused.get()).isPositive();
            }
        }
        assertWithinLimit(granted, ratePerMinute, burst);
    }

    @Property
    void aRefusalSaysWhenTheNextTokenIsThere(@ForAll @IntRange(min = 1, max = 600) int ratePerMinute,
            @ForAll @IntRange(min = 1, max = 30) int burst, @ForAll @IntRange(min = 0, max = 40) int extra) {
        Bucket bucket = bucket(new TokenBucket(ratePerMinute, burst));
        Optional<Duration> refused = Optional.empty();
        for (int i = 0; i <= burst + extra && refused.isEmpty(); i++) {
            refused = TokenBucket.tryTake(bucket);
        }

        assertThat(refused).isPresent();
        long refusedAt = clock.nanos;
        clock.nanos = refusedAt + refused.get().toNanos() - ROUNDING_NANOS;
        assertThat(TokenBucket.tryTake(bucket)).isPresent();
        clock.nanos = refusedAt + refused.get().toNanos() + ROUNDING_NANOS;
        assertThat(TokenBucket.tryTake(bucket)).isEmpty();
    }

    @Property
    void reservationsAreNeverRefusedComeDueInOrderAndNeverFasterThanTheLimit(
            @ForAll @IntRange(min = 1, max = 600) int ratePerMinute,
            @ForAll @IntRange(min = 1, max = 30) int burst,
            @ForAll @Size(max = 150) List<@LongRange(max = 3_000_000_000L) Long> gaps) {
        Bucket bucket = bucket(new TokenBucket(ratePerMinute, burst));
        List<Long> due = new ArrayList<>();
        for (long gap : gaps) {
            clock.nanos += gap;
            Duration wait = TokenBucket.reserve(bucket);
            assertThat(wait.isNegative()).isFalse();
            due.add(clock.nanos + wait.toNanos());
        }
        assertThat(due).isSorted();
        assertWithinLimit(due, ratePerMinute, burst);
    }

    /** In every window [times[i], times[j]] at most burst + rate * length tokens were granted (up to rounding). */
    private static void assertWithinLimit(List<Long> times, int ratePerMinute, int burst) {
        for (int i = 0; i < times.size(); i++) {
            for (int j = i; j < times.size(); j++) {
                long grants = j - i + 1;
                long window = times.get(j) - times.get(i) + ROUNDING_NANOS;
                assertThat((grants - burst) * MINUTE_NANOS)
                        .as("%d grants in %d ns at %d/min, burst %d", grants, window, ratePerMinute, burst)
                        .isLessThanOrEqualTo(ratePerMinute * window);
            }
        }
    }
}
