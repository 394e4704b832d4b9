package io.agentry.audit.boundary;

import io.agentry.audit.control.AuditLog;
import io.agentry.audit.entity.AuditEntry;
import io.agentry.audit.entity.AuditOutcome;
import io.agentry.security.boundary.Caller;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.control.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * Records each answered call of an {@link Audited} method: the caller, the action, its target (the
 * path's parameters, else the query), the outcome by status, and as detail the problem's text or the
 * answer itself (shortened). Runs after the resource's transaction ended, so the status is final.
 */
@Provider
@Audited
@ApplicationScoped
public class AuditTrail implements ContainerResponseFilter {

    @Inject
    AuditLog audit;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Audited audited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        int status = response.getStatus();
        audit.record(Caller.nameOrAddress(request.getSecurityContext(), servletRequest), audited.value(),
                target(request), AuditOutcome.ofStatus(status), status, detail(response.getEntity()));
    }

    private static String target(ContainerRequestContext request) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        if (!path.isEmpty()) {
            return path.values().stream().flatMap(java.util.List::stream).collect(Collectors.joining("/"));
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        return query == null ? null : query;
    }

    private static String detail(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof Problem problem) {
            return problem.detail();
        }
        String json = Json.write(entity);
        return json.length() <= AuditEntry.MAX_DETAIL ? json : json.substring(0, AuditEntry.MAX_DETAIL - 3) + "...";
    }
}
