package io.agentry.remote.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin (as in nginx): on each pick every candidate gains its weight, the one
 * with the most goes first and gives back the total. Over any run of picks whose length is the sum
 * of the weights, each candidate is first exactly its weight's number of times, interleaved rather
 * than in blocks. Not thread-safe: {@link LoadBalancer} makes one choice per agent at a time.
 */
final class SmoothWeights<K> {

    private final Map<K, Long> current = new HashMap<>();

    /** The candidates (in their given order, with their weights) in the order to try them now. */
    List<K> next(LinkedHashMap<K, Integer> weights) {
        current.keySet().retainAll(weights.keySet());
        long total = 0;
        for (Map.Entry<K, Integer> candidate : weights.entrySet()) {
            current.merge(candidate.getKey(), (long) candidate.getValue(), Long::sum);
            total += candidate.getValue();
        }
        List<K> ordered = new ArrayList<>(weights.keySet());
        ordered.sort(Comparator.comparingLong((K k) -> current.get(k)).reversed());
        current.merge(ordered.get(0), -total, Long::sum);
        return ordered;
    }
}
