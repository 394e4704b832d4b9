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

    /** An id in the path that is not a UUID cannot name anything: 404. */
    public static java.util.UUID uuidOrNotFound(String what, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound("No " + what + " with id " + value);
        }
    }
}
