package io.agentry.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The REST API lives under {@code /api}; resources and providers are found by scanning.
 */
@ApplicationPath("api")
public class AgentryApi extends Application {

    /**
     * Payara's Jersey would register its own Jackson and JSON-B providers, with their own object
     * mappers; naming a JSON feature they do not match keeps {@link JsonProvider} the only one.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.jsonFeature", "AgentryJson");
    }
}
