package io.agentry.events.boundary;

import io.agentry.platform.boundary.ProblemException;
import io.agentry.security.boundary.Caller;
import io.agentry.sessions.control.SessionQueries;
import java.util.UUID;

/** Session ids in paths: a malformed or unknown one, or another user's, names nothing (404). */
final class SessionIds {

    private SessionIds() {
    }

    static UUID visible(String id, SessionQueries sessions, Caller caller) {
        UUID sessionId = parse(id);
        if (sessionId == null || !isVisible(sessionId, sessions, caller)) {
            throw ProblemException.notFound("No session with id " + id);
        }
        return sessionId;
    }

    static boolean isVisible(UUID sessionId, SessionQueries sessions, Caller caller) {
        return sessions.find(sessionId).map(s -> caller.sees(s.userId())).orElse(false);
    }

    /** {@code null} when {@code id} is not a UUID. */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
