package io.agentry.agents.entity;

import java.util.Locale;

/**
 * Where an agent runs: as a message-driven bean in this server, or as a remote HTTP service.
 */
public enum AgentKind {
    MDB,
    HTTP;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentKind fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
