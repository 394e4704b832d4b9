package io.agentry.events.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentry.platform.control.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The topic's message bodies: a batch of events as one JSON array, read back as it was sent. */
class LifecycleEventTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00.123456Z");

    @Test
    void aBatchReadsBackAsTheSameEventsInTheSameOrder() {
        List<LifecycleEvent> batch = List.of(
                new LifecycleEvent(7, "task_queued", UUID.randomUUID(), null, AT, Json.read("{\"attempt\":1}")),
                new LifecycleEvent(5, "plan_completed", null, UUID.randomUUID(), AT, Json.read("{\"status\":\"completed\"}")),
                new LifecycleEvent(9, "circuit_opened", null, null, AT, Json.read("{\"agent\":\"echo\"}")));

        assertThat(LifecycleEvent.listFromJson(LifecycleEvent.toJson(batch))).isEqualTo(batch);
    }

    @Test
    void aMessageOfOneEventAloneIsReadAsABatchOfOne() {
        LifecycleEvent event = new LifecycleEvent(3, "task_started", UUID.randomUUID(), UUID.randomUUID(), AT,
                Json.read("{\"attempt\":2,\"redelivered\":false}"));

        assertThat(LifecycleEvent.listFromJson(event.toJson())).containsExactly(event);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> LifecycleEvent.listFromJson("not json")).isInstanceOf(UncheckedIOException.class);
    }
}
