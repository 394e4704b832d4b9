package io.agentry.sessions.entity;

import java.util.Locale;

/**
 * Where a session stands. {@code RUNNING} is the only state that leads anywhere; a session whose
 * fallback plan runs is still running.
 */
public enum SessionStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus fromApiName(String name) {
        for (SessionStatus status : values()) {
            if (status.apiName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
