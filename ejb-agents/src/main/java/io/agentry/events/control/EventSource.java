package io.agentry.events.control;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a stream shows: the events of one task or one session, where its stored trace comes from,
 * and which event ends it. A task can run again after its last event (a retry of a dead or failed
 * task), so its stored trace has ended only when it ends with such an event; a session ends once,
 * though steps still running may record events after that.
 */
public record EventSource(UUID id, Supplier<List<LifecycleEvent>> trace, Predicate<LifecycleEvent> last,
        boolean restartable) {

    public static EventSource ofTask(UUID taskId, EventTraces traces) {
        return new EventSource(taskId, () -> traces.ofTask(taskId), LifecycleEvent::endsTask, true);
    }

    public static EventSource ofSession(UUID sessionId, EventTraces traces) {
        return new EventSource(sessionId, () -> traces.ofSession(sessionId), LifecycleEvent::endsSession, false);
    }

    /** Whether nothing can follow the stored events, so the stream ends with them. */
    public boolean hasEnded(List<LifecycleEvent> stored) {
        if (restartable) {
            return !stored.isEmpty() && last.test(stored.get(stored.size() - 1));
        }
        return stored.stream().anyMatch(last);
    }
}
