package io.agentry.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.entity.AgentKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Agent agent(String name, String capabilitiesJson) {
        return new Agent(name, AgentKind.MDB, null, capabilitiesJson, "{}", Instant.EPOCH);
    }

    @Test
    void anAgentOffersTheCapabilitiesItsListNames() {
        Agent echo = agent("echo", "[\"echo\",\"diagnostics\"]");

        assertThat(Router.offers(echo, "diagnostics")).isTrue();
        assertThat(Router.offers(echo, "Diagnostics")).isFalse();
        assertThat(Router.offers(echo, "summarise")).isFalse();
        assertThat(Router.offers(agent("bare", null), "echo")).isFalse();
        assertThat(Router.offers(agent("odd", "{\"echo\": true}"), "echo")).isFalse();
    }

    @Property
    void theLeastLoadedCandidateIsPicked(@ForAll @Size(min = 1, max = 8) List<@IntRange(max = 20) Integer> loads,
            @ForAll long seed) {
        List<Agent> candidates = new java.util.ArrayList<>();
        Map<UUID, Long> unfinished = new HashMap<>();
        for (int i = 0; i < loads.size(); i++) {
            Agent candidate = agent("agent-" + i, "[\"x\"]");
            candidates.add(candidate);
            if (loads.get(i) > 0) {
                unfinished.put(candidate.id(), (long) loads.get(i));
            }
        }

        Agent picked = Router.leastLoaded(candidates, unfinished, new Random(seed));

        int fewest = loads.stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(loads.get(candidates.indexOf(picked))).isEqualTo(fewest);
    }

    @Test
    void equallyLoadedCandidatesShareTheWork() {
        Agent a = agent("a", "[\"x\"]");
        Agent b = agent("b", "[\"x\"]");
        Agent busy = agent("busy", "[\"x\"]");
        Map<UUID, Long> unfinished = Map.of(a.id(), 2L, b.id(), 2L, busy.id(), 9L);
        Random random = new Random(42);
        Set<String> picked = new HashSet<>();

        for (int i = 0; i < 50; i++) {
            picked.add(Router.leastLoaded(List.of(a, b, busy), unfinished, random).name());
        }

        assertThat(picked).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theRequestWinsOverTheRuleAndTheRuleOverTheDefault() {
        Agent echo = agent("echo", "[]");
        Router.Route ruled = new Router.Route(echo, 300, 2);
        Router.Route bare = new Router.Route(echo, null, null);

        assertThat(ruled.priority(5, 3)).isEqualTo(5);
        assertThat(ruled.priority(null, 3)).isEqualTo(2);
        assertThat(bare.priority(null, 3)).isEqualTo(3);
        assertThat(ruled.timeoutSeconds(10)).isEqualTo(10);
        assertThat(ruled.timeoutSeconds(null)).isEqualTo(300);
        assertThat(bare.timeoutSeconds(null)).isNull();
    }
}
