package io.agentry.platform.boundary;

/**
 * Query parameters as numbers within bounds, UUIDs or instants; anything else is a 400 naming the parameter.
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

    /** An ISO-8601 date-time with its offset ({@code 2026-11-21T09:00:00Z}, {@code …+01:00}). */
    public static java.time.Instant instant(String name, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 date-time with offset, e.g."
                    + " 2026-11-21T09:00:00Z (a '+' in the URL as %2B)");
        }
    }
}
