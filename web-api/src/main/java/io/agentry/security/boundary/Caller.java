package io.agentry.security.boundary;

import io.agentry.security.entity.Role;
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

    /** Whether something owned by {@code owner} is visible to this caller. */
    public boolean sees(String owner) {
        return seesAll || name.equals(owner);
    }

    /** The owner to filter listings by: this caller, or {@code null} (everyone) for operators. */
    public String ownerFilter() {
        return seesAll ? null : name;
    }
}
