package io.agentry.events.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.TaskEvent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One lifecycle event as clients see it, in the trace, on the {@code agentry.events} topic and in
 * the streams. {@code seq} orders the events of a task or session and tells a stream which ones it
 * has already sent.
 */
public record LifecycleEvent(
        long seq,
        String eventType,
        UUID taskId,
        UUID sessionId,
        Instant timestamp,
        JsonNode data) {

    public static LifecycleEvent of(TaskEvent event) {
        return new LifecycleEvent(event.seq(), event.type().apiName(), event.taskId(), event.sessionId(),
                event.createdAt(), Json.read(event.dataJson()));
    }

    /** The last event of a task stream. */
    public boolean endsTask() {
        EventType type = EventType.fromApiName(eventType);
        return type != null && type.endsTask();
    }

    /** The last event of a session stream. */
    public boolean endsSession() {
        EventType type = EventType.fromApiName(eventType);
        return type != null && type.endsSession();
    }

    public String toJson() {
        return Json.write(this);
    }

    /** Several events as one JSON array, the body of one message on the topic. */
    public static String toJson(List<LifecycleEvent> events) {
        return Json.write(events);
    }

    /** The events of a message on the topic: an array of them, or one event alone. */
    public static List<LifecycleEvent> listFromJson(String json) {
        try {
            return Json.MAPPER.readerForListOf(LifecycleEvent.class)
                    .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
