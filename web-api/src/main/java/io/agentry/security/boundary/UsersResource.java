package io.agentry.security.boundary;

import io.agentry.platform.boundary.Problem;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.audit.boundary.Audited;
import io.agentry.security.control.PasswordHashes;
import io.agentry.security.control.Users;
import io.agentry.security.entity.Role;
import io.agentry.security.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/users}: admins add and list users; everyone can see who they are and change their
 * own password.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UsersResource {

    @Inject
    Users users;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @Audited("user.create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user with roles (admin)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response create(@NotNull(message = "is required: send a JSON object") @Valid UserRequests.NewUser request) {
        Set<Role> roles = request.roles().stream().map(r -> Role.fromApiName(r).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        String problem = PasswordHashes.problem(request.password());
        if (problem != null) {
            throw new ProblemException(Problem.of(400, "Bad Request", "password " + problem)
                    .withErrors(List.of(new Problem.FieldError("password", problem))));
        }
        User user = users.create(request.username(), request.password(), roles);
        return Response.created(uriInfo.getBaseUriBuilder().path("users").path(user.username()).build())
                .entity(UserView.of(user)).build();
    }

    @GET
    @Operation(summary = "List users (admin)")
    public UserView.Page list() {
        return new UserView.Page(users.all().stream().map(UserView::of).toList());
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Get a user (admin)")
    public UserView get(@PathParam("username") String username) {
        return users.find(username).map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("No user '" + username + "'"));
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.USER_NAME)
    @Operation(summary = "Who is calling, with their roles")
    public UserView.Me me() {
        String name = security.getUserPrincipal().getName();
        List<String> roles = EnumSet.allOf(Role.class).stream().map(Role::apiName)
                .filter(security::isUserInRole).toList();
        return new UserView.Me(name, roles);
    }

    @PUT
    @Path("me/password")
    @Audited("user.password")
    @RolesAllowed(Role.USER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password")
    @APIResponse(responseCode = "204", description = "Changed")
    public Response changePassword(@NotNull(message = "is required: send a JSON object") @Valid
            UserRequests.PasswordChange request) {
        String problem = PasswordHashes.problem(request.newPassword());
        if (problem != null) {
            throw new ProblemException(Problem.of(400, "Bad Request", "new_password " + problem)
                    .withErrors(List.of(new Problem.FieldError("new_password", problem))));
        }
        if (!users.changePassword(security.getUserPrincipal().getName(), request.currentPassword(),
                request.newPassword())) {
            throw new ProblemException(Problem.of(400, "Bad Request", "current_password is wrong")
                    .withErrors(List.of(new Problem.FieldError("current_password", "is wrong"))));
        }
        return Response.noContent().build();
    }
}
