package io.agentry.sessions.entity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps of a plan as a directed acyclic graph. Building one checks the plan (no empty plan,
 * no duplicate or blank ids, no unknown or self dependencies, no cycles) and fixes the order
 * steps run in: a topological order that keeps the plan's own order wherever dependencies allow.
 */
public final class PlanGraph {

    /** A step as the graph sees it: its id and the ids it depends on. */
    public record Step(String id, List<String> dependencies) {

        public Step {
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        }
    }

    private final Map<String, Set<String>> dependencies;
    private final List<String> order;

    private PlanGraph(Map<String, Set<String>> dependencies, List<String> order) {
        this.dependencies = dependencies;
        this.order = order;
    }

    /** Checks the steps and orders them; throws {@link InvalidPlanException} naming the fault. */
    public static PlanGraph of(List<Step> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new InvalidPlanException(null, "A plan needs at least one step");
        }
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (Step step : steps) {
            if (step.id() == null || step.id().isBlank()) {
                throw new InvalidPlanException(null, "Every step needs an id");
            }
            if (dependencies.putIfAbsent(step.id(), new LinkedHashSet<>(step.dependencies())) != null) {
                throw new InvalidPlanException(step.id(), "Duplicate step id '" + step.id() + "'");
            }
        }
        for (var entry : dependencies.entrySet()) {
            for (String dependency : entry.getValue()) {
                if (dependency.equals(entry.getKey())) {
                    throw new InvalidPlanException(entry.getKey(), "Step '" + entry.getKey() + "' depends on itself");
                }
                if (!dependencies.containsKey(dependency)) {
                    throw new InvalidPlanException(entry.getKey(),
                            "Step '" + entry.getKey() + "' depends on unknown step '" + dependency + "'");
                }
            }
        }
        return new PlanGraph(dependencies, order(dependencies));
    }

    /** Kahn's algorithm, taking among the ready steps always the one declared first. */
    private static List<String> order(Map<String, Set<String>> dependencies) {
        List<String> declared = new ArrayList<>(dependencies.keySet());
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            String id = declared.get(i);
            index.put(id, i);
            waitingOn.put(id, dependencies.get(id).size());
            for (String dependency : dependencies.get(id)) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(id);
            }
        }
        TreeSet<Integer> ready = new TreeSet<>();
        waitingOn.forEach((id, count) -> {
            if (count == 0) {
                ready.add(index.get(id));
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = declared.get(ready.pollFirst());
            order.add(id);
            for (String dependent : dependents.getOrDefault(id, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(index.get(dependent));
                }
            }
        }
        if (order.size() < declared.size()) {
            List<String> cycle = findCycle(dependencies, new HashSet<>(order));
            throw new InvalidPlanException(cycle.get(0), "Steps " + String.join(" -> ", cycle.stream()
                    .map(s -> "'" + s + "'").toList()) + " form a cycle");
        }
        return List.copyOf(order);
    }

    /** A cycle among the steps Kahn's algorithm could not order, as a closed path. */
    private static List<String> findCycle(Map<String, Set<String>> dependencies, Set<String> ordered) {
        for (String start : dependencies.keySet()) {
            if (ordered.contains(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Set<String> onPath = new HashSet<>();
            String current = start;
            while (!onPath.contains(current)) {
                path.addLast(current);
                onPath.add(current);
                current = dependencies.get(current).stream().filter(d -> !ordered.contains(d)).findFirst()
                        .orElseThrow();
            }
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String step : path) {
                in |= step.equals(current);
                if (in) {
                    cycle.add(step);
                }
            }
            cycle.add(current);
            return cycle;
        }
        throw new IllegalStateException("no cycle among unordered steps");
    }

    /** Every step, each after all it depends on. */
    public List<String> topologicalOrder() {
        return order;
    }

    public Set<String> dependenciesOf(String id) {
        return Set.copyOf(dependencies.get(id));
    }

    /** Everything {@code id} depends on, directly or through other steps. */
    public Set<String> ancestorsOf(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(dependencies.get(id));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(dependencies.get(next));
            }
        }
        return seen;
    }

    public boolean contains(String id) {
        return dependencies.containsKey(id);
    }
}
