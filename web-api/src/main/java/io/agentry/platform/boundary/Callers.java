package io.agentry.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who is calling: the authenticated user's name, or, without one, the client's address (as
 * {@code anonymous@<address>}). The key of the per-user rate limit and the actor of audit records.
 */
public final class Callers {

    private Callers() {
    }

    public static String of(SecurityContext security, HttpServletRequest request) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        return "anonymous@" + (request == null ? "unknown" : request.getRemoteAddr());
    }
}
