package io.agentry.events.control;

import java.io.IOException;

/**
 * Where a stream writes its events: an SSE connection, an NDJSON response, a WebSocket. An
 * {@link IOException} means the client has gone.
 */
public interface EventSink {

    void send(LifecycleEvent event) throws IOException;

    /** Called when no event came for a while, so idle connections stay up and dead ones are noticed. */
    default void keepAlive() throws IOException {
    }

    void close();
}
