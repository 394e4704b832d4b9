package io.agentry.events.boundary;

import io.agentry.events.control.TooManyStreamsException;
import io.agentry.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The server serves as many streams as it may: 503, come back shortly. */
@Provider
public class StreamLimitReached implements ExceptionMapper<TooManyStreamsException> {

    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(TooManyStreamsException e) {
        return Response.fromResponse(Problem.of(503, "Service Unavailable", e.getMessage()).toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
