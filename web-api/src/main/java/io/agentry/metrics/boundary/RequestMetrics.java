package io.agentry.metrics.boundary;

import io.agentry.metrics.control.OrchestratorMetrics;
import io.agentry.metrics.control.RequestLabels;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Counts and times every API request, labelled by the matched resource method's route template. It
 * starts the clock before matching, so requests that match nothing (404, 405) are counted too,
 * under {@code unmatched}.
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    @Inject
    OrchestratorMetrics metrics;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (started == null) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - (Long) started);
        metrics.requestAnswered(request.getMethod(), route(), response.getStatus(), took);
    }

    private String route() {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Method method = resource == null ? null : resource.getResourceMethod();
        if (type == null || method == null) {
            return RequestLabels.UNMATCHED;
        }
        return RequestLabels.route(path(type), path(method));
    }

    private static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? null : path.value();
    }
}
