package io.agentry.sessions.entity;

import java.util.Locale;

/**
 * How a plan's steps run: every ready step at once, or one step at a time in plan order.
 */
public enum ExecutionMode {
    PARALLEL,
    SEQUENTIAL;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionMode fromApiName(String name) {
        for (ExecutionMode mode : values()) {
            if (mode.apiName().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
