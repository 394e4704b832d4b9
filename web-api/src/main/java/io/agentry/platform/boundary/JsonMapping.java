package io.agentry.platform.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.platform.control.Json;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every Jackson provider Agentry's mapping. The Jackson JAX-RS jar also registers its own
 * provider through {@code META-INF/services}, and which of the two equal providers the server picks
 * is not fixed; this way both write the same JSON.
 */
@Provider
public class JsonMapping implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return Json.MAPPER;
    }
}
