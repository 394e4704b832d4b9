package io.agentry.platform.boundary;

import jakarta.ws.rs.WebApplicationException;

/**
 * Ends a request with the given problem; thrown by resources when input is wrong.
 */
public class ProblemException extends WebApplicationException {

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not Found", detail));
    }

    /** A malformed id in the path cannot name anything (404); in a query it is bad input (400). */
    public static ProblemException notFoundOrBad(String name, String value) {
        if ("id".equals(name)) {
            return notFound("No task with id " + value);
        }
        return badRequest("'" + name + "' must be a UUID");
    }

    /** An id in the path that is not a UUID cannot name anything: 404. */
    public static java.util.UUID uuidOrNotFound(String what, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound("No " + what + " with id " + value);
        }
    }
}
