package io.agentry.events.boundary;

import io.agentry.events.control.EventSource;
import io.agentry.events.control.EventStreams;
import io.agentry.events.control.EventTraces;
import io.agentry.events.control.TooManyStreamsException;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * WebSocket {@code /ws/sessions/{id}}: the session's events as text frames of JSON, the recorded ones
 * first, closed after the session's last event. An unknown session is closed at once with code
 * {@value #UNKNOWN_SESSION}.
 */
@ServerEndpoint("/ws/sessions/{id}")
public class SessionEventsSocket {

    /** Application close code (4000-4999) for "no such session", after HTTP's 404. */
    public static final int UNKNOWN_SESSION = 4404;

    private static final Logger LOG = Logger.getLogger(SessionEventsSocket.class.getName());

    @Inject
    EventTraces traces;

    @Inject
    EventStreams streams;

    private Future<?> stream;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        UUID sessionId = SessionIds.parse(id);
        if (sessionId == null || !traces.sessionExists(sessionId)) {
            session.close(new CloseReason(() -> UNKNOWN_SESSION, "No session with id " + id));
            return;
        }
        EventSource source = EventSource.ofSession(sessionId, traces);
        try {
            stream = streams.submit(() -> streams.relay(source, new SocketEvents(session)));
        } catch (TooManyStreamsException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, e.getMessage()));
        }
    }

    /** The client left: end its stream, which releases its subscription. */
    @OnClose
    public void close() {
        if (stream != null) {
            stream.cancel(true);
        }
    }

    @OnError
    public void error(Throwable failure) {
        LOG.fine(() -> "WebSocket event stream failed: " + failure);
    }
}
