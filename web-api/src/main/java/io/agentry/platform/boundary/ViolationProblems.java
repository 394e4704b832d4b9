package io.agentry.platform.boundary;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bean Validation violations as a 400 problem, each naming its field as clients write it
 * (snake_case, dotted). Shared by the exception mapper and by resources that validate parts of a
 * body themselves.
 */
public final class ViolationProblems {

    private ViolationProblems() {
    }

    /**
     * The problem for these violations; {@code skippedNodes} leading nodes of each property path
     * are not part of the field name (2 for a resource parameter: the method and the parameter).
     */
    public static Problem of(Collection<? extends ConstraintViolation<?>> violations, int skippedNodes) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString(), skippedNodes), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message())
                .collect(Collectors.joining("; "));
        return Problem.of(400, "Bad Request", detail).withErrors(errors);
    }

    /** "submit.request.retryPolicy.maxRetries", skipping 2, becomes "retry_policy.max_retries". */
    public static String field(String propertyPath, int skippedNodes) {
        String[] parts = propertyPath.isEmpty() ? new String[0] : propertyPath.split("\\.");
        if (parts.length <= skippedNodes) {
            return "body";
        }
        StringBuilder field = new StringBuilder();
        for (int i = skippedNodes; i < parts.length; i++) {
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(parts[i].replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase());
        }
        return field.toString();
    }
}
