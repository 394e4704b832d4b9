package io.agentry.metrics.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The labels of an HTTP request, bounded whatever clients send: the route template (never the raw
 * path), a known method, and the status class.
 */
public final class RequestLabels {

    /** The route of a request that matched no resource method (404, 405 before matching). */
    public static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /** A template parameter with a regular expression, {@code {id: [0-9]+}}. */
    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*:[^}]*}");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private RequestLabels() {
    }

    /** The method, or {@code OTHER} for one outside HTTP's usual set. */
    public static String method(String method) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return METHODS.contains(upper) ? upper : "OTHER";
    }

    /** {@code 2xx} … {@code 5xx}; anything outside 100-599 is {@code other}. */
    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 + "xx" : "other";
    }

    /**
     * The route template of a resource method, from its class's and its own {@code @Path} (either may
     * be {@code null}): {@code "tasks"} + {@code "{id}/cancel"} is {@code /tasks/{id}/cancel}.
     */
    public static String route(String classPath, String methodPath) {
        String joined = "/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath);
        String route = SLASHES.matcher(PARAMETER_REGEX.matcher(joined).replaceAll("{$1}")).replaceAll("/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
