package io.agentry.resilience.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which limit an agent has, and what a refused submit tells its client. */
class RateLimitsTest {

    private final RateLimits limits = new RateLimits();

    RateLimitsTest() {
        limits.defaultRatePerMinute = 100;
        limits.defaultBurst = 20;
    }

    private static Agent agent(AgentKind kind, String configuration) {
        return new Agent("a", kind, null, null, configuration, Instant.EPOCH);
    }

    @Test
    void anAgentsOwnLimitWins() {
        String own = "{\"rate_limit\":{\"rate_per_minute\":60,\"burst\":5}}";
        assertThat(limits.of(agent(AgentKind.HTTP, own))).contains(new TokenBucket(60, 5));
        assertThat(limits.of(agent(AgentKind.MDB, own))).contains(new TokenBucket(60, 5));
    }

    @Test
    void remoteAgentsGetTheDefaultAndAgentsOfThisServerNone() {
        assertThat(limits.of(agent(AgentKind.HTTP, "{\"timeout\":5}"))).contains(new TokenBucket(100, 20));
        assertThat(limits.of(agent(AgentKind.HTTP, null))).contains(new TokenBucket(100, 20));
        assertThat(limits.of(agent(AgentKind.MDB, "{\"concurrency\":4}"))).isEmpty();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(new RateLimitExceededException("a", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitExceededException("a", Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitExceededException("a", Duration.ofSeconds(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitExceededException("a", Duration.ofMillis(1200)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimitExceededException("echo", Duration.ofSeconds(3)))
                .hasMessage("Rate limit exceeded for agent 'echo'");
    }
}
