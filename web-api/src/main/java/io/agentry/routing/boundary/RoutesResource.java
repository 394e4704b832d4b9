package io.agentry.routing.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.agentry.audit.boundary.Audited;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.ViolationProblems;
import io.agentry.routing.control.Routes;
import io.agentry.routing.entity.RuleDefinition;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/routes}: the routing rules. A change holds for the next task submitted to any server
 * instance (routing reads the table, it keeps no copy).
 */
@Path("routes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
public class RoutesResource {

    @Inject
    Routes routes;

    @Inject
    Validator validator;

    @Context
    UriInfo uriInfo;

    @RolesAllowed(Role.USER_NAME)
    @GET
    public Map<String, Object> list() {
        List<RouteView> all = routes.all().stream().map(RouteView::of).toList();
        return Map.of("routes", all, "total", all.size());
    }

    @RolesAllowed(Role.USER_NAME)
    @GET
    @Path("{pattern}")
    public RouteView get(@PathParam("pattern") String pattern) {
        return routes.find(pattern).map(RouteView::of).orElseThrow(() -> notFound(pattern));
    }

    /** Creates (201) or replaces (200) the rule of {@code pattern}; 422 when no agent has the target's name. */
    @PUT
    @Path("{pattern}")
    @Audited("route.put")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("pattern") String pattern,
            @NotNull(message = "is required: send a JSON object") RouteRequest request) {
        RuleDefinition rule = request.toRule(pattern);
        Set<ConstraintViolation<RuleDefinition>> violations = validator.validate(rule);
        if (!violations.isEmpty()) {
            throw new ProblemException(ViolationProblems.of(violations, 0));
        }
        Routes.Written written = routes.put(rule);
        if (!written.created()) {
            return Response.ok(RouteView.of(written.rule())).build();
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("routes").path(pattern).build())
                .entity(RouteView.of(written.rule()))
                .build();
    }

    @DELETE
    @Path("{pattern}")
    @Audited("route.delete")
    public Response delete(@PathParam("pattern") String pattern) {
        if (!routes.delete(pattern)) {
            throw notFound(pattern);
        }
        return Response.noContent().build();
    }

    private static ProblemException notFound(String pattern) {
        return ProblemException.notFound("No routing rule for pattern '" + pattern + "'");
    }
}
