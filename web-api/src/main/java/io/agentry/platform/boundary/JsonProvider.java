package io.agentry.platform.boundary;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.agentry.platform.control.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads and writes every JSON body with Agentry's one mapping (snake_case, unknown fields refused).
 * {@link AgentryApi} switches off the server's own JSON features; {@link JsonMapping} covers the
 * provider the Jackson jar registers itself.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonProvider extends JacksonJsonProvider {

    public JsonProvider() {
        super(Json.MAPPER);
    }
}
