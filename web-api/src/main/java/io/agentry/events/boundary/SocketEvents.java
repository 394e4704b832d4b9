package io.agentry.events.boundary;

import io.agentry.events.control.EventSink;
import io.agentry.events.control.LifecycleEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** A stream over a WebSocket: one text frame of JSON per event; pings while idle. */
final class SocketEvents implements EventSink {

    private static final Logger LOG = Logger.getLogger(SocketEvents.class.getName());

    /**
     * How long after its handshake a socket may be closed. Closed while Payara still finishes the
     * upgrade request (on the handshake's thread or another), the connection is recycled under that
     * request ({@code IllegalStateException: Internal org.glassfish.grizzly.http.server.Response has
     * not been set}) and the close frame is lost, leaving the client waiting.
     */
    private static final Duration UPGRADE_SETTLES = Duration.ofSeconds(1);

    private final Session session;
    private final Instant opened = Instant.now();

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
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "stream ended"));
    }

    /** Closes the socket with {@code reason}, once its upgrade has settled. */
    void close(CloseReason reason) {
        Duration early = Duration.between(Instant.now(), opened.plus(UPGRADE_SETTLES));
        if (early.compareTo(Duration.ZERO) > 0) {
            // Only the close waits (on a JDK timer thread: closing needs no container context).
            CompletableFuture.delayedExecutor(early.toMillis(), TimeUnit.MILLISECONDS).execute(() -> closeNow(reason));
            return;
        }
        closeNow(reason);
    }

    private void closeNow(CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.fine(() -> "Closing a WebSocket event stream failed: " + e);
        }
    }
}
