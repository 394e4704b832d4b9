package io.agentry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LoadDriverTest {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SLOWEST_POLL = Duration.ofSeconds(2);

    @Property
    void theNextPollIsNeverSoonerThanEvery250MsNorLaterThanEvery2s(@ForAll @LongRange(min = 0, max = 1_000_000) long done,
            @ForAll @LongRange(min = 1, max = 1_000_000) long remaining,
            @ForAll @LongRange(min = 0, max = 3_600_000) long elapsedMs) {
        Duration next = LoadDriver.nextPoll(done, remaining, Duration.ofMillis(elapsedMs));

        assertThat(next).isBetween(POLL, SLOWEST_POLL);
    }

    @Property
    void aRunUpToFourTimesFasterThanSoFarIsSeenEndingWithin250Ms(
            @ForAll @LongRange(min = 1, max = 1_000_000) long done,
            @ForAll @LongRange(min = 1, max = 1_000_000) long remaining,
            @ForAll @LongRange(min = 1, max = 3_600_000) long elapsedMs) {
        Duration next = LoadDriver.nextPoll(done, remaining, Duration.ofMillis(elapsedMs));
        double restAtFourTimesTheRateMs = remaining * (double) elapsedMs / done / 4;

        assertThat(next.toNanos() / 1e6).isLessThanOrEqualTo(Math.max(POLL.toMillis(), restAtFourTimesTheRateMs) + 1e-6);
    }

    @Test
    void whileMuchIsLeftItPollsEvery2s() {
        assertThat(LoadDriver.nextPoll(1_000, 49_000, Duration.ofSeconds(5))).isEqualTo(SLOWEST_POLL);
    }

    @Test
    void nearTheEndAndBeforeAnyProgressItPollsEvery250Ms() {
        assertThat(LoadDriver.nextPoll(49_000, 100, Duration.ofSeconds(100))).isEqualTo(POLL);
        assertThat(LoadDriver.nextPoll(0, 50_000, Duration.ofSeconds(3))).isEqualTo(POLL);
    }
}
