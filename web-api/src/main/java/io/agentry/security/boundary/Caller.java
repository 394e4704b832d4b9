package io.agentry.security.boundary;

import io.agentry.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who is calling, and what they may see: operators and admins see everyone's tasks and sessions,
 * a user only their own. What they may not see answers as if it did not exist.
 */
public record Caller(String name, boolean seesAll) {

    public static Caller of(SecurityContext context) {
        Principal principal = context.getUserPrincipal();
        if (principal == null) {
            // The authentication mechanism lets no anonymous request reach the API.
            throw new IllegalStateException("An API request without a caller");
        }
        return new Caller(principal.getName(), context.isUserInRole(Role.OPERATOR_NAME));
    }

    /**
     * The caller's name, or for a request that has none (refused before it reaches the API) the
     * client's address as {@code anonymous@<address>}: the key of the per-user request rate limit and
     * the actor of audit records.
     */
    public static String nameOrAddress(SecurityContext context, HttpServletRequest request) {
        Principal principal = context == null ? null : context.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        return "anonymous@" + (request == null ? "unknown" : request.getRemoteAddr());
    }

    /** Whether something owned by {@code owner} is visible to this caller. */
    public boolean sees(String owner) {
        return seesAll || name.equals(owner);
    }

    /** The owner to filter listings by: this caller, or {@code null} (everyone) for operators. */
    public String ownerFilter() {
        return seesAll ? null : name;
    }
}
