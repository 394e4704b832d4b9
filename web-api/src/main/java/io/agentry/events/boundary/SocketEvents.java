package io.agentry.events.boundary;

import io.agentry.events.control.EventSink;
import io.agentry.events.control.LifecycleEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/** A stream over a WebSocket: one text frame of JSON per event; pings while idle. */
final class SocketEvents implements EventSink {

    private static final Logger LOG = Logger.getLogger(SocketEvents.class.getName());

    private final Session session;

    SocketEvents(Session session) {
        this.session = session;
    }

    @Override
    public void send(LifecycleEvent event) throws IOException {
        session.getBasicRemote().sendText(event.toJson());
    }

    @Override
    public void keepAlive() throws IOException {
        session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
    }

    @Override
    public void close() {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "stream ended"));
        } catch (IOException e) {
            LOG.fine(() -> "Closing a WebSocket event stream failed: " + e);
        }
    }
}
