package io.agentry.agents.control;

import java.util.Locale;

/** How a remote agent's calls are spread over its endpoints. */
public enum LoadBalancing {
    ROUND_ROBIN,
    LEAST_CONNECTIONS,
    WEIGHTED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API name; {@code null} when there is no such strategy. */
    public static LoadBalancing fromApiName(String name) {
        for (LoadBalancing strategy : values()) {
            if (strategy.apiName().equals(name)) {
                return strategy;
            }
        }
        return null;
    }
}
