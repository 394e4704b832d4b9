package io.agentry.events.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream logic without a server. The trace supplier runs after the stream has subscribed, so
 * events it publishes play the ones committed while the trace was read or afterwards.
 */
class EventStreamsTest {

    private static final UUID TASK = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();

    private final EventHub hub = new EventHub();
    private final EventStreams streams = new EventStreams();
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void wire() {
        hub.bufferSize = 100;
        streams.hub = hub;
        streams.maxDurationSeconds = 60;
        streams.keepAliveSeconds = 15;
    }

    private static LifecycleEvent event(long seq, String type) {
        return new LifecycleEvent(seq, type, TASK, SESSION, Instant.now(), null);
    }

    private static LifecycleEvent sessionEvent(long seq, String type) {
        return new LifecycleEvent(seq, type, null, SESSION, Instant.now(), null);
    }

    private EventSource task(Supplier<List<LifecycleEvent>> trace) {
        return new EventSource(TASK, trace, LifecycleEvent::endsTask, true);
    }

    private EventSource session(Supplier<List<LifecycleEvent>> trace) {
        return new EventSource(SESSION, trace, LifecycleEvent::endsSession, false);
    }

    @Test
    void storedEventsComeFirstThenLiveOnesOnceEachUntilTheLastEvent() {
        streams.relay(task(() -> {
            hub.publish(event(2, "task_queued"));
            hub.publish(event(3, "task_started"));
            hub.publish(event(4, "task_completed"));
            hub.publish(event(5, "task_started"));
            return List.of(event(1, "task_created"), event(2, "task_queued"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sink.closed).isTrue();
        assertThat(hub.openSubscriptions()).isZero();
    }

    @Test
    void aStreamIsSubscribedBeforeItReadsItsTraceSoAnInstanceWithoutStreamsMaySkipTheEventsItReceives() {
        AtomicBoolean subscribedWhileReading = new AtomicBoolean();
        assertThat(hub.hasSubscriptions()).isFalse();

        streams.relay(task(() -> {
            subscribedWhileReading.set(hub.hasSubscriptions());
            return List.of(event(1, "task_created"), event(2, "task_completed"));
        }), sink);

        assertThat(subscribedWhileReading).isTrue();
        assertThat(sink.seqs()).containsExactly(1L, 2L);
        assertThat(hub.hasSubscriptions()).isFalse();
    }

    @Test
    void aStoredTraceThatHasEndedIsSentAndTheStreamClosesWithoutWaiting() {
        long started = System.nanoTime();
        streams.relay(task(() -> List.of(event(1, "task_created"), event(2, "task_failed"))), sink);

        assertThat(sink.seqs()).containsExactly(1L, 2L);
        assertThat(sink.closed).isTrue();
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Test
    void anEndedSessionIsReplayedOnTheCallersThreadAndARunningOneIsLeftForTheRelay() {
        assertThat(streams.replayEnded(session(() -> List.of(sessionEvent(1, "plan_started"),
                event(2, "task_created"))), sink)).isFalse();
        assertThat(sink.seqs()).isEmpty();
        assertThat(sink.closed).isFalse();

        assertThat(streams.replayEnded(session(() -> List.of(sessionEvent(1, "plan_started"),
                sessionEvent(2, "plan_completed"), event(3, "task_completed"))), sink)).isTrue();
        assertThat(sink.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void aTaskRunningAgainAfterItsLastEventIsFollowedLive() {
        streams.relay(task(() -> {
            hub.publish(event(4, "task_started"));
            hub.publish(event(5, "task_completed"));
            return List.of(event(1, "task_created"), event(2, "task_dead_lettered"), event(3, "task_queued"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aSessionEndsAtItsLastEventEvenWhenStepsRecordedEventsAfterIt() {
        streams.relay(session(() -> List.of(sessionEvent(1, "step_started"), sessionEvent(2, "plan_failed"),
                event(3, "task_completed"))), sink);

        assertThat(sink.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(sink.closed).isTrue();
        assertThat(hub.openSubscriptions()).isZero();
    }

    @Test
    void aLiveEventWithASmallerSeqThanOneAlreadySentIsStillSentOnce() {
        streams.relay(session(() -> {
            hub.publish(event(7, "task_completed"));
            hub.publish(event(5, "task_completed"));
            hub.publish(event(7, "task_completed"));
            hub.publish(sessionEvent(8, "plan_completed"));
            return List.of(event(6, "task_started"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(6L, 7L, 5L, 8L);
    }

    @Test
    void aLiveEventThatOvertakesOneCommittedBeforeItComesAfterItInSeqOrder() {
        List<List<LifecycleEvent>> reads = new ArrayList<>(List.of(
                List.of(event(1, "task_created")),
                List.of(event(1, "task_created"), event(2, "task_queued"), event(3, "task_started")),
                List.of(event(1, "task_created"), event(2, "task_queued"), event(3, "task_started"),
                        event(4, "task_completed"))));
        streams.relay(task(() -> {
            if (reads.size() == 3) {
                // The start of the attempt is published before the queueing that led to it.
                hub.publish(event(3, "task_started"));
                hub.publish(event(2, "task_queued"));
                hub.publish(event(4, "task_completed"));
            }
            return reads.size() > 1 ? reads.remove(0) : reads.get(0);
        }), sink);

        assertThat(sink.types()).containsExactly("task_created", "task_queued", "task_started", "task_completed");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void aLiveEventMissingFromTheStoredTraceIsStillSent() {
        streams.relay(task(() -> {
            hub.publish(event(2, "task_completed"));
            return List.of(event(1, "task_created"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(1L, 2L);
    }

    @Test
    void aStreamThatFallsBehindIsClosedAndReleasesItsSubscription() {
        hub.bufferSize = 2;
        streams.relay(task(() -> {
            hub.publish(event(2, "task_queued"));
            hub.publish(event(3, "task_started"));
            hub.publish(event(4, "task_completed"));
            return List.of(event(1, "task_created"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(1L);
        assertThat(sink.closed).isTrue();
        assertThat(hub.openSubscriptions()).isZero();
    }

    @Test
    void aStreamEndsAfterItsMaximumDuration() {
        streams.maxDurationSeconds = 0;
        streams.relay(task(() -> List.of(event(1, "task_created"))), sink);

        assertThat(sink.seqs()).containsExactly(1L);
        assertThat(sink.closed).isTrue();
        assertThat(hub.openSubscriptions()).isZero();
    }

    @Test
    void aClientThatLeavesEndsTheStream() {
        sink.failAfter = 1;
        streams.relay(task(() -> {
            hub.publish(event(3, "task_started"));
            return List.of(event(1, "task_created"), event(2, "task_queued"));
        }), sink);

        assertThat(sink.seqs()).containsExactly(1L);
        assertThat(sink.closed).isTrue();
        assertThat(hub.openSubscriptions()).isZero();
    }

    @Test
    void theHubDeliversToTheSubscribersOfTheTaskAndOfItsSessionOnly() throws InterruptedException {
        try (Subscription ofTask = hub.subscribe(TASK);
                Subscription ofSession = hub.subscribe(SESSION);
                Subscription other = hub.subscribe(UUID.randomUUID())) {
            hub.publish(event(1, "task_created"));

            assertThat(ofTask.next(Duration.ZERO).seq()).isEqualTo(1L);
            assertThat(ofSession.next(Duration.ZERO).seq()).isEqualTo(1L);
            assertThat(other.next(Duration.ZERO)).isNull();
            assertThat(other.isOpen()).isTrue();
        }
        assertThat(hub.openSubscriptions()).isZero();
    }

    private static final class RecordingSink implements EventSink {
        final List<LifecycleEvent> sent = new ArrayList<>();
        int failAfter = Integer.MAX_VALUE;
        boolean closed;

        @Override
        public void send(LifecycleEvent event) throws IOException {
            if (sent.size() >= failAfter) {
                throw new IOException("client left");
            }
            sent.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }

        List<Long> seqs() {
            return sent.stream().map(LifecycleEvent::seq).toList();
        }

        List<String> types() {
            return sent.stream().map(LifecycleEvent::eventType).toList();
        }
    }
}
