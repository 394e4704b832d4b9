package io.agentry.memory.entity;

import java.util.Locale;

/**
 * The kinds of memory DESIGN names: working context, lasting knowledge, and records of past episodes.
 */
public enum MemoryType {
    SHORT_TERM,
    LONG_TERM,
    EPISODIC;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of an API name, or null when there is none of that name. */
    public static MemoryType fromApiName(String name) {
        for (MemoryType type : values()) {
            if (type.apiName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
