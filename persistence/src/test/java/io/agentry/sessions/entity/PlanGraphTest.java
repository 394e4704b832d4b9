package io.agentry.sessions.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlanGraphTest {

    private static PlanGraph.Step step(String id, String... dependencies) {
        return new PlanGraph.Step(id, List.of(dependencies));
    }

    @Test
    void aDiamondRunsTopInBetweenThenBottom() {
        PlanGraph graph = PlanGraph.of(List.of(step("d", "b", "c"), step("b", "a"), step("c", "a"), step("a")));

        assertThat(graph.topologicalOrder()).containsExactly("a", "b", "c", "d");
        assertThat(graph.ancestorsOf("d")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(graph.dependenciesOf("d")).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void independentStepsKeepThePlanOrder() {
        assertThat(PlanGraph.of(List.of(step("z"), step("y"), step("x"))).topologicalOrder())
                .containsExactly("z", "y", "x");
    }

    @Test
    void faultsNameTheStep() {
        assertThatThrownBy(() -> PlanGraph.of(List.of()))
                .isInstanceOf(InvalidPlanException.class).hasMessage("A plan needs at least one step");
        assertThatThrownBy(() -> PlanGraph.of(List.of(step("a"), step("a"))))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.stepId()).isEqualTo("a"))
                .hasMessage("Duplicate step id 'a'");
        assertThatThrownBy(() -> PlanGraph.of(List.of(step("a", "ghost"))))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.stepId()).isEqualTo("a"))
                .hasMessage("Step 'a' depends on unknown step 'ghost'");
        assertThatThrownBy(() -> PlanGraph.of(List.of(step("a", "a"))))
                .hasMessage("Step 'a' depends on itself");
        assertThatThrownBy(() -> PlanGraph.of(List.of(step("start"), step("a", "c", "start"), step("b", "a"),
                step("c", "b"))))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.stepId()).isIn("a", "b", "c"))
                .hasMessageContaining("form a cycle");
    }

    /** Random DAGs: step i may depend only on steps before it. */
    @Provide
    Arbitrary<List<PlanGraph.Step>> dags() {
        return Arbitraries.integers().between(1, 25).flatMap(n -> {
            List<Arbitrary<PlanGraph.Step>> steps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                steps.add(Arbitraries.integers().between(0, Math.max(0, index - 1)).list().ofMaxSize(index == 0 ? 0 : 4)
                        .map(deps -> new PlanGraph.Step("s" + index,
                                deps.stream().distinct().map(d -> "s" + d).toList())));
            }
            return Combinators.combine(steps).as(list -> list).flatMap(list -> Arbitraries.shuffle(list));
        });
    }

    @Property
    void everyStepComesAfterAllItDependsOn(@ForAll("dags") List<PlanGraph.Step> steps) {
        List<String> order = PlanGraph.of(steps).topologicalOrder();

        assertThat(order).hasSize(steps.size()).doesNotHaveDuplicates();
        for (PlanGraph.Step step : steps) {
            for (String dependency : step.dependencies()) {
                assertThat(order.indexOf(dependency)).isLessThan(order.indexOf(step.id()));
            }
        }
    }

    @Property
    void closingALoopIsAlwaysFoundAsACycle(@ForAll("dags") List<PlanGraph.Step> steps) {
        PlanGraph.Step withDependency = steps.stream().filter(s -> !s.dependencies().isEmpty()).findFirst().orElse(null);
        if (withDependency == null) {
            return;
        }
        String upstream = withDependency.dependencies().get(0);
        List<PlanGraph.Step> looped = new ArrayList<>();
        for (PlanGraph.Step step : steps) {
            if (step.id().equals(upstream)) {
                List<String> deps = new ArrayList<>(step.dependencies());
                deps.add(withDependency.id());
                looped.add(new PlanGraph.Step(step.id(), deps));
            } else {
                looped.add(step);
            }
        }
        assertThatThrownBy(() -> PlanGraph.of(looped)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("form a cycle");
    }
}
