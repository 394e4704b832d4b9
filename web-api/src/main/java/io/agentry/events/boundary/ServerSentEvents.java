package io.agentry.events.boundary;

import io.agentry.events.control.EventSink;
import io.agentry.events.control.EventSource;
import io.agentry.events.control.EventStreams;
import io.agentry.events.control.LifecycleEvent;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/**
 * A stream as {@code text/event-stream}: event name = {@code event_type}, id = {@code seq}, data = the
 * event's JSON; comments keep an idle connection alive.
 */
final class ServerSentEvents implements EventSink {

    private final SseEventSink sink;
    private final Sse sse;

    private ServerSentEvents(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    /** Starts streaming {@code source} into {@code sink} on a stream thread. */
    static void start(EventStreams streams, EventSource source, SseEventSink sink, Sse sse) {
        streams.submit(() -> streams.relay(source, new ServerSentEvents(sink, sse)));
    }

    @Override
    public void send(LifecycleEvent event) throws IOException {
        write(sse.newEventBuilder()
                .id(Long.toString(event.seq()))
                .name(event.eventType())
                .data(event.toJson())
                .build());
    }

    @Override
    public void keepAlive() throws IOException {
        write(sse.newEventBuilder().comment("keep-alive").build());
    }

    private void write(OutboundSseEvent event) throws IOException {
        if (sink.isClosed()) {
            throw new IOException("the SSE connection is closed");
        }
        try {
            sink.send(event).toCompletableFuture().join();
        } catch (CompletionException | IllegalStateException e) {
            throw new IOException(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
