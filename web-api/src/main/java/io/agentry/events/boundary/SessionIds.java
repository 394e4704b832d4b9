package io.agentry.events.boundary;

import io.agentry.events.control.EventTraces;
import io.agentry.platform.boundary.ProblemException;
import java.util.UUID;

/** Session ids in paths: a malformed or unknown one names nothing (404). */
final class SessionIds {

    private SessionIds() {
    }

    static UUID existing(String id, EventTraces traces) {
        UUID sessionId = parse(id);
        if (sessionId == null || !traces.sessionExists(sessionId)) {
            throw ProblemException.notFound("No session with id " + id);
        }
        return sessionId;
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
