package io.agentry.remote.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SmoothWeightsTest {

    @Property
    void everyRoundOfTotalWeightPicksEachCandidateExactlyItsWeight(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 20) Integer> weightList,
            @ForAll @IntRange(min = 1, max = 3) int rounds) {
        LinkedHashMap<Integer, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < weightList.size(); i++) {
            weights.put(i, weightList.get(i));
        }
        int total = weightList.stream().mapToInt(Integer::intValue).sum();
        SmoothWeights<Integer> rotation = new SmoothWeights<>();
        for (int round = 0; round < rounds; round++) {
            Map<Integer, Integer> picks = new HashMap<>();
            for (int pick = 0; pick < total; pick++) {
                picks.merge(rotation.next(weights).get(0), 1, Integer::sum);
            }
            assertThat(picks).isEqualTo(weights);
        }
    }

    @Test
    void picksAreInterleavedNotInBlocks() {
        LinkedHashMap<String, Integer> weights = new LinkedHashMap<>(Map.of("a", 5));
        weights.put("b", 1);
        weights.put("c", 1);
        SmoothWeights<String> rotation = new SmoothWeights<>();
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            order.append(rotation.next(weights).get(0));
        }
        assertThat(order.toString()).isEqualTo("aabacaa");
    }

    @Test
    void everyCandidateIsOfferedAsAFallback() {
        LinkedHashMap<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a", 1);
        weights.put("b", 2);
        assertThat(new SmoothWeights<String>().next(weights)).containsExactlyInAnyOrder("a", "b");
    }
}
