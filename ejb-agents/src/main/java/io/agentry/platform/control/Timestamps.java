package io.agentry.platform.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision the database keeps (microseconds), so that a timestamp the API
 * answers right away equals the one it answers after a reload.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
