package io.agentry.sessions.entity;

import java.util.Locale;

/**
 * The kinds of message agents of a session send each other.
 */
public enum MessageType {
    REQUEST,
    RESPONSE,
    NOTIFICATION;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageType fromApiName(String name) {
        for (MessageType type : values()) {
            if (type.apiName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
