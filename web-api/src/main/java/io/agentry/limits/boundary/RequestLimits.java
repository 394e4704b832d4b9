package io.agentry.limits.boundary;

import io.agentry.limits.control.RequestRates;
import io.agentry.security.boundary.Caller;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request before it costs anything: 429 when its caller ({@link Caller#nameOrAddress}) is over the
 * request rate, 413 when its {@code Content-Length} is over {@code agentry.api.max-body-bytes}
 * ({@link MediaTypeCheck} has already refused a {@code Content-Type} that is no media type). A body
 * without a length (chunked) is counted while it is read and refused with 413 as soon as it passes
 * the bound, so no more than the bound is ever read into memory.
 */
@Provider
@PreMatching
// After authentication, which decides who the caller is.
@Priority(Priorities.AUTHENTICATION + 10)
@ApplicationScoped
public class RequestLimits implements ContainerRequestFilter, ReaderInterceptor {

    @Inject
    RequestRates rates;

    @Inject
    @ConfigProperty(name = "agentry.api.max-body-bytes")
    long maxBodyBytes;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Duration wait = rates.admit(Caller.nameOrAddress(request.getSecurityContext(), servletRequest)).orElse(null);
        if (wait != null) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(Problem.of(429, "Too Many Requests",
                    "Request rate limit exceeded; try again in " + seconds + " s").toResponse())
                    .header("Retry-After", seconds)
                    .build());
            return;
        }
        String length = request.getHeaderString("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > maxBodyBytes) {
            request.abortWith(tooLarge().getResponse());
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Bounded body = new Bounded(context.getInputStream(), maxBodyBytes);
        context.setInputStream(body);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            // The reader wraps what the stream threw in exceptions of its own; the stream knows.
            if (body.exceeded) {
                throw tooLarge();
            }
            throw e;
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.of(413, "Content Too Large",
                "A request body may have at most " + maxBodyBytes + " bytes (agentry.api.max-body-bytes)"));
    }

    /** Counts what is read and fails once more than the bound has come. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;
        private boolean exceeded;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > max) {
                exceeded = true;
                throw new IOException("The request body is larger than " + max + " bytes");
            }
        }
    }
}
