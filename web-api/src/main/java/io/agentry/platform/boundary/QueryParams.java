package io.agentry.platform.boundary;

/**
 * Query parameters as numbers within bounds or as UUIDs; anything else is a 400 naming the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("'" + name + "' must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.badRequest("'" + name + "' must be between " + min + " and " + max);
        }
        return parsed;
    }

    public static java.util.UUID uuid(String name, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + name + "' must be a UUID");
        }
    }
}
