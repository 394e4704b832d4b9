package io.agentry.security.boundary;

import io.agentry.platform.boundary.Problem;
import io.agentry.platform.control.Json;
import io.agentry.security.control.BearerTokens;
import io.agentry.security.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The application's one authentication mechanism (Jakarta Security 3 allows one per application):
 * it reads the {@code Authorization} header — {@code Basic} against the user table,
 * {@code Bearer} a JWT checked by {@link BearerTokens} — or the session the login page started.
 * Every path needs a caller except the public ones ({@link #isPublic}): {@code /api} and
 * {@code /ws} answer 401 with {@code WWW-Authenticate} as problem+json, other pages (the
 * dashboard) send the browser to {@code /login}. Roles reach the container expanded (an admin is
 * also operator and user), so each endpoint names the least role it needs.
 */
@ApplicationScoped
public class AgentryAuthentication implements HttpAuthenticationMechanism {

    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    static final String USERNAME_FIELD = "username";
    static final String PASSWORD_FIELD = "password";
    /** The session attribute holding who logged in through the login page. */
    static final String SESSION_CALLER = "agentry.caller";
    private static final String REALM = "agentry";
    private static final String METRICS = "/metrics";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    BearerTokens tokens;

    /** The role {@code /metrics} needs; open to probes and scrapers when not set. */
    @Inject
    @ConfigProperty(name = "agentry.metrics.role")
    Optional<String> metricsRole;

    /** Who logged in on the login page; kept in their HTTP session. */
    record SessionCaller(String name, Set<String> roles) implements Serializable {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return fromHeader(authorization, response, context);
        }
        if (LOGIN.equals(path) && "POST".equals(request.getMethod())) {
            return logIn(request, response, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof SessionCaller caller) {
            if (isCrossSiteWrite(request)) {
                return refuse(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        "A request from another site may not change anything with this login session");
            }
            if (!isApi(path)) {
                // A page shown after logout from the browser's cache would not know its session ended.
                response.setHeader("Cache-Control", "no-store");
            }
            return context.notifyContainerAboutLogin(caller.name(), caller.roles());
        }
        boolean guardedMetrics = METRICS.equals(path) && metricsRole.isPresent();
        if (isPublic(path) && !guardedMetrics) {
            return context.doNothing();
        }
        if (isApi(path) || guardedMetrics || !"GET".equals(request.getMethod())) {
            return unauthorized(response, "Authentication is required: HTTP Basic, a bearer token or a login session",
                    null, isScriptOfAPage(request));
        }
        response.setHeader("Cache-Control", "no-store");
        redirect(response, request.getContextPath() + LOGIN);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /**
     * A request a page's script makes ({@code fetch}, {@code EventSource}): a {@code Basic} challenge
     * would make the browser ask for a password itself instead of the page sending its user to the
     * login form, so such a request is challenged for a bearer token only.
     */
    static boolean isScriptOfAPage(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return mode != null && !"navigate".equals(mode);
    }

    private AuthenticationStatus fromHeader(String authorization, HttpServletResponse response,
            HttpMessageContext context) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).trim();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> {
                String[] credentials = basic(value);
                if (credentials == null) {
                    return unauthorized(response, "Malformed Basic credentials", null);
                }
                CredentialValidationResult result = identityStores.validate(
                        new UsernamePasswordCredential(credentials[0], credentials[1]));
                if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                    return unauthorized(response, "Wrong username or password", null);
                }
                return context.notifyContainerAboutLogin(result.getCallerPrincipal().getName(),
                        Role.granted(result.getCallerGroups()));
            }
            case "bearer" -> {
                try {
                    BearerTokens.Bearer bearer = tokens.verify(value);
                    return context.notifyContainerAboutLogin(bearer.name(), Role.granted(bearer.groups()));
                } catch (BearerTokens.InvalidTokenException e) {
                    return unauthorized(response, e.getMessage(), "invalid_token");
                }
            }
            default -> {
                return unauthorized(response, "Unsupported authorization scheme '" + scheme + "'", null);
            }
        }
    }

    /** The login page's form: a session on success (with a fresh id), back to the page on failure. */
    private AuthenticationStatus logIn(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String username = request.getParameter(USERNAME_FIELD);
        String password = request.getParameter(PASSWORD_FIELD);
        CredentialValidationResult result = username == null || password == null
                ? CredentialValidationResult.INVALID_RESULT
                : identityStores.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            redirect(response, request.getContextPath() + LOGIN + "?error");
            return AuthenticationStatus.SEND_FAILURE;
        }
        SessionCaller caller = new SessionCaller(result.getCallerPrincipal().getName(),
                Role.granted(result.getCallerGroups()));
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SESSION_CALLER, caller);
        redirect(response, request.getContextPath() + "/");
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /**
     * Whether a write that carries the session cookie was sent by another site's page (cross-site
     * request forgery): browsers say so in {@code Sec-Fetch-Site}, or, older ones, in an
     * {@code Origin} that is not this server. Clients that send neither are not browsers.
     */
    static boolean isCrossSiteWrite(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !"same-origin".equals(fetchSite) && !"none".equals(fetchSite);
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** Probes, scrapers and the API's documentation need no caller. */
    static boolean isPublic(String path) {
        return path.equals(LOGIN) || path.equals(LOGOUT) || path.equals("/openapi")
                || path.equals("/api-docs") || path.startsWith("/api-docs/") || path.startsWith("/webjars/")
                || path.equals("/health") || path.startsWith("/health/") || path.equals(METRICS)
                || path.equals("/favicon.ico");
    }

    private static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/ws/");
    }

    /** {@code user:password} of a Basic header, or {@code null} when it is not that. */
    static String[] basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, String detail, String bearerError) {
        return unauthorized(response, detail, bearerError, false);
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, String detail, String bearerError,
            boolean bearerOnly) {
        if (!bearerOnly) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\""
                + (bearerError == null ? "" : ", error=\"" + bearerError + "\""));
        return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String title, String detail) {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE_NAME);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Problem.of(status, title, detail)));
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static void redirect(HttpServletResponse response, String location) {
        try {
            response.sendRedirect(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
