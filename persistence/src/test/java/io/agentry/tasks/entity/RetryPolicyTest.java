package io.agentry.tasks.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Property
    void delayIsNeverNegativeAndNeverAboveTheCap(
            @ForAll @LongRange(min = 0, max = 3_600_000) long backoff,
            @ForAll @DoubleRange(min = 1.0, max = 10.0) double multiplier,
            @ForAll @LongRange(min = 0, max = 3_600_000) long cap,
            @ForAll boolean jitter,
            @ForAll @IntRange(min = 1, max = 1000) int retry,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) @net.jqwik.api.constraints.Scale(6) double random) {
        RetryPolicy policy = new RetryPolicy(5, backoff, multiplier, cap, jitter);
        long delay = policy.delayBefore(retry, () -> random).toMillis();
        assertThat(delay).isBetween(0L, cap);
    }

    @Property
    void withoutJitterDelaysNeverShrink(
            @ForAll @LongRange(min = 0, max = 3_600_000) long backoff,
            @ForAll @DoubleRange(min = 1.0, max = 10.0) double multiplier,
            @ForAll @LongRange(min = 0, max = 3_600_000) long cap,
            @ForAll @IntRange(min = 1, max = 999) int retry) {
        RetryPolicy policy = new RetryPolicy(5, backoff, multiplier, cap, false);
        assertThat(policy.delayBefore(retry + 1, () -> 0.0))
                .isGreaterThanOrEqualTo(policy.delayBefore(retry, () -> 0.0));
    }

    @Property
    void withoutJitterTheDelayIsTheExponentialScheduleCapped(
            @ForAll @LongRange(min = 0, max = 100_000) long backoff,
            @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
            @ForAll @LongRange(min = 0, max = 3_600_000) long cap,
            @ForAll @IntRange(min = 1, max = 30) int retry) {
        RetryPolicy policy = new RetryPolicy(5, backoff, multiplier, cap, false);
        double expected = Math.min(backoff * Math.pow(multiplier, retry - 1), cap);
        assertThat((double) policy.delayBefore(retry, () -> 0.3).toMillis()).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1.0));
    }

    @Property
    void jitterStaysBetweenHalfTheScheduleAndTheSchedule(
            @ForAll @LongRange(min = 0, max = 3_600_000) long backoff,
            @ForAll @DoubleRange(min = 1.0, max = 10.0) double multiplier,
            @ForAll @LongRange(min = 0, max = 3_600_000) long cap,
            @ForAll @IntRange(min = 1, max = 100) int retry,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) @net.jqwik.api.constraints.Scale(6) double random) {
        RetryPolicy policy = new RetryPolicy(5, backoff, multiplier, cap, true);
        long ceiling = policy.scheduledDelay(retry).toMillis();
        long delay = policy.delayBefore(retry, () -> random).toMillis();
        assertThat(delay).isBetween(ceiling / 2, ceiling);
    }

    @Property
    void retriesAreAllowedExactlyMaxRetriesTimes(@ForAll @IntRange(min = 0, max = 50) int maxRetries) {
        RetryPolicy policy = new RetryPolicy(maxRetries, 10, 2.0, 1000, true);
        int allowed = 0;
        while (policy.allowsRetryAfter(allowed)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(maxRetries);
    }

    @Test
    void nonsensePoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(-1, 10, 2.0, 100, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, 10, 0.5, 100, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, -10, 2.0, 100, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, 10, Double.NaN, 100, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
