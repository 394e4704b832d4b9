package io.agentry.limits.boundary;

import io.agentry.platform.boundary.Problem;
import io.agentry.platform.control.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code Content-Type} that is no media type is refused with a 400 problem here, in front of the
 * REST application: the JAX-RS runtime fails on it before any of the application's filters run, and
 * the server would answer with an HTML error page.
 */
// Event streams (SSE) go asynchronous behind this filter, so it must allow that.
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class MediaTypeCheck extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getHeader("Content-Type");
        if (type != null && !isMediaType(type)) {
            response.setStatus(400);
            response.setContentType(Problem.MEDIA_TYPE_NAME);
            response.getOutputStream().write(Json.write(Problem.of(400, "Bad Request",
                    "The Content-Type is not a media type")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMediaType(String header) {
        try {
            MediaType.valueOf(header);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
