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
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import io.agentry.security.boundary.Caller;
import io.agentry.security.entity.Role;
import io.agentry.sessions.control.SessionQueries;
import java.security.Principal;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * WebSocket {@code /ws/sessions/{id}}: the session's events as text frames of JSON, the recorded ones
 * first, closed after the session's last event. An unknown session, or another user's, is closed
 * with code {@value #UNKNOWN_SESSION} as soon as the upgrade has settled.
 */
@ServerEndpoint(value = "/ws/sessions/{id}", configurator = SessionEventsSocket.Handshake.class)
public class SessionEventsSocket {

    private static final String CALLER = "agentry.caller.";

    /**
     * Keeps whether the caller sees every session: the handshake went through authentication (an
     * anonymous one was refused with 401 before it got here), and roles are known only during it.
     * Keyed by the caller's name, as the endpoint's properties may be shared by its connections.
     */
    public static class Handshake extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Principal principal = request.getUserPrincipal();
            if (principal != null) {
                config.getUserProperties().put(CALLER + principal.getName(),
                        new Caller(principal.getName(), request.isUserInRole(Role.OPERATOR_NAME)));
            }
        }
    }

    /** Application close code (4000-4999) for "no such session", after HTTP's 404. */
    public static final int UNKNOWN_SESSION = 4404;

    private static final Logger LOG = Logger.getLogger(SessionEventsSocket.class.getName());

    @Inject
    EventTraces traces;

    @Inject
    EventStreams streams;

    @Inject
    SessionQueries sessions;

    private Future<?> stream;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        Principal principal = session.getUserPrincipal();
        Caller caller = principal == null ? null
                : (Caller) config.getUserProperties().get(CALLER + principal.getName());
        // Every close waits until the upgrade has settled (SocketEvents).
        SocketEvents sink = new SocketEvents(session);
        if (sessionId == null || caller == null || !SessionIds.isVisible(sessionId, sessions, caller)) {
            sink.close(new CloseReason(() -> UNKNOWN_SESSION, "No session with id " + id));
            return;
        }
        EventSource source = EventSource.ofSession(sessionId, traces);
        if (streams.replayEnded(source, sink)) {
            return;
        }
        try {
            stream = streams.submit(() -> streams.relay(source, sink));
        } catch (TooManyStreamsException e) {
            sink.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, e.getMessage()));
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
