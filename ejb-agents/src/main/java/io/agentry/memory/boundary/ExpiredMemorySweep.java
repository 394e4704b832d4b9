package io.agentry.memory.boundary;

import io.agentry.memory.control.Memories;
import io.agentry.platform.control.Timestamps;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Once a minute, deletes memory entries past their expiry. Reads already skip them, so the sweep
 * only reclaims space; several instances sweeping at once delete the same rows harmlessly.
 */
@Singleton
public class ExpiredMemorySweep {

    @Inject
    Memories memories;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void sweep() {
        memories.sweep(Timestamps.now());
    }
}
