package io.agentry.events.boundary;

import io.agentry.events.control.EventSink;
import io.agentry.events.control.EventSource;
import io.agentry.events.control.EventStreams;
import io.agentry.events.control.LifecycleEvent;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream as {@code application/x-ndjson}: one event's JSON per line, flushed line by line.
 */
final class JsonLines implements EventSink {

    static final String MEDIA_TYPE = "application/x-ndjson";

    private final OutputStream out;

    private JsonLines(OutputStream out) {
        this.out = out;
    }

    /**
     * Resumes {@code response} with the stream of {@code source}, on a stream thread: the response
     * is written by the thread that resumes it, so no HTTP worker waits for events.
     */
    static void start(EventStreams streams, EventSource source, AsyncResponse response) {
        StreamingOutput body = out -> streams.relay(source, new JsonLines(out));
        streams.submit(() -> response.resume(Response.ok(body, MEDIA_TYPE).build()));
    }

    @Override
    public void send(LifecycleEvent event) throws IOException {
        out.write((event.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The response ends when the stream returns; the server closes it. */
    @Override
    public void close() {
    }
}
