package io.agentry.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentry.tasks.entity.EventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each outcome is counted from exactly one event type, and only task events count. */
class TaskOutcomeTest {

    @Test
    void everyOutcomeHasExactlyOneEventType() {
        for (TaskOutcome outcome : TaskOutcome.values()) {
            Set<EventType> sources = Arrays.stream(EventType.values())
                    .filter(t -> TaskOutcome.of(t).filter(outcome::equals).isPresent())
                    .collect(Collectors.toSet());
            assertThat(sources).as(outcome.name()).hasSize(1);
        }
    }

    @Test
    void theEventsThatEndATaskAreTheOutcomesThatEndIt() {
        for (EventType type : EventType.values()) {
            TaskOutcome.of(type).ifPresent(outcome -> assertThat(outcome.endsTask()).as(type.name())
                    .isEqualTo(type.endsTask()));
        }
    }

    @Test
    void startsAndPlanEventsAreNotOutcomes() {
        for (EventType type : EnumSet.of(EventType.TASK_CREATED, EventType.TASK_QUEUED, EventType.TASK_STARTED,
                EventType.PLAN_COMPLETED, EventType.CIRCUIT_OPENED)) {
            assertThat(TaskOutcome.of(type)).as(type.name()).isEmpty();
        }
    }

    @Test
    void labelsAreSnakeCase() {
        assertThat(TaskOutcome.DEAD_LETTERED.label()).isEqualTo("dead_lettered");
        assertThat(TaskOutcome.COMPLETED.label()).isEqualTo("completed");
    }
}
