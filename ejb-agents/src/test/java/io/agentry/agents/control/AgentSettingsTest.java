package io.agentry.agents.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static Agent withConfiguration(String json) {
        return new Agent("a", AgentKind.MDB, "test", "[]", json, Instant.EPOCH);
    }

    @Test
    void settingsAreReadWithTheirDefaultsAndUnknownKeysSkipped() {
        AgentSettings settings = AgentSettings.of(withConfiguration(
                "{\"concurrency\":4,\"rate_limit\":{\"rate_per_minute\":60,\"burst\":5},\"later\":true}"));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.rateLimit()).isEqualTo(new AgentSettings.RateLimit(60, 5));
        assertThat(settings.circuitBreaker()).isNull();
        assertThat(settings.balancing()).isEqualTo(LoadBalancing.ROUND_ROBIN);
        assertThat(AgentSettings.of(withConfiguration(null))).isSameAs(AgentSettings.NONE);
    }

    @Test
    void theSameConfigurationIsReadOnceAndAChangedOneAfresh() {
        String json = "{\"timeout\":7,\"load_balancing\":\"weighted\"}";
        AgentSettings first = AgentSettings.of(withConfiguration(json));
        assertThat(AgentSettings.of(withConfiguration(new String(json)))).isSameAs(first);
        AgentSettings changed = AgentSettings.of(withConfiguration("{\"timeout\":8,\"load_balancing\":\"weighted\"}"));
        assertThat(changed.timeout()).isEqualTo(8);
        assertThat(changed.balancing()).isEqualTo(LoadBalancing.WEIGHTED);
    }
}
