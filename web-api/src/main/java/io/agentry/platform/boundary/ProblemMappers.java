package io.agentry.platform.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.agentry.platform.control.ConflictException;
import io.agentry.platform.control.Json;
import io.agentry.routing.control.UnroutableTaskException;
import io.agentry.resilience.control.AgentUnavailableException;
import io.agentry.resilience.control.RateLimitExceededException;
import io.agentry.tasks.control.QueueFullException;
import io.agentry.sessions.control.SessionNotFoundException;
import io.agentry.sessions.entity.InvalidPlanException;
import io.agentry.tasks.entity.IllegalTransitionException;
import jakarta.ejb.EJBException;
import jakarta.jms.JMSRuntimeException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of a request into {@code application/problem+json}: bad input is a 4xx with
 * the field that is wrong, and only a fault of the server itself is a 5xx.
 */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** Malformed JSON, wrong types, unknown fields. */
    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonProcessingException> {
        private static final Logger LOG = Logger.getLogger(MalformedJson.class.getName());

        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof InvalidDefinitionException) {
                LOG.log(Level.SEVERE, "A response could not be written as JSON", e);
                return Problem.of(500, "Internal Server Error", "The server failed to write its response")
                        .toResponse();
            }
            Problem problem = Problem.of(400, "Bad Request", describe(e));
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                problem = problem.withErrors(List.of(new Problem.FieldError(Json.pathOf(mapping), describe(e))));
            }
            return problem.toResponse();
        }

        private static String describe(JsonProcessingException e) {
            StreamConstraintsException limit = Json.causeOf(e, StreamConstraintsException.class);
            if (limit != null) {
                // Jackson names the method that holds the limit; the client needs only the numbers.
                return "The JSON exceeds a limit: " + limit.getOriginalMessage().replaceAll(",? from `[^`]*`", "");
            }
            if (e instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + unknown.getPropertyName() + "'";
            }
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return "Field '" + Json.pathOf(mapping) + "' has the wrong type or format";
            }
            if (e instanceof MismatchedInputException) {
                return "The body must be a JSON object";
            }
            return "Malformed JSON: " + e.getOriginalMessage();
        }
    }

    /** Bean Validation on request bodies and parameters. */
    @Provider
    public static class InvalidFields implements ExceptionMapper<ConstraintViolationException> {
        /** A resource parameter's path starts with the method and the parameter. */
        private static final int METHOD_AND_PARAMETER = 2;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            return ViolationProblems.of(e.getConstraintViolations(), METHOD_AND_PARAMETER).toResponse();
        }
    }

    /** Unknown pattern or agent: the request is well-formed but names nothing that can run it. */
    @Provider
    public static class Unroutable implements ExceptionMapper<UnroutableTaskException> {
        @Override
        public Response toResponse(UnroutableTaskException e) {
            return Problem.of(422, "Unprocessable Content", e.getMessage()).toResponse();
        }
    }

    /** A plan that cannot run, with the offending step as the field in error. */
    @Provider
    public static class InvalidPlan implements ExceptionMapper<InvalidPlanException> {
        @Override
        public Response toResponse(InvalidPlanException e) {
            Problem problem = Problem.of(400, "Bad Request", e.getMessage());
            if (e.stepId() != null) {
                String field = e.stepId().startsWith("fallback_plan.") ? e.stepId().replace("fallback_plan.",
                        "fallback_plan.steps.") : "steps." + e.stepId();
                problem = problem.withErrors(List.of(new Problem.FieldError(field, e.getMessage())));
            }
            return problem.toResponse();
        }
    }

    /** Backpressure: the queue is at its bound; come back when it has drained a little. */
    @Provider
    public static class QueueFull implements ExceptionMapper<QueueFullException> {
        @Override
        public Response toResponse(QueueFullException e) {
            return retryLater(503, "Service Unavailable", e.getMessage(), e.retryAfterSeconds());
        }
    }

    /** The agent's circuit breaker is open; come back when it may be half-open. */
    @Provider
    public static class AgentUnavailable implements ExceptionMapper<AgentUnavailableException> {
        @Override
        public Response toResponse(AgentUnavailableException e) {
            return retryLater(503, "Service Unavailable", e.getMessage(), e.retryAfterSeconds());
        }
    }

    /** The agent's rate limit allows no more tasks now; come back when its bucket has a token again. */
    @Provider
    public static class RateLimitExceeded implements ExceptionMapper<RateLimitExceededException> {
        @Override
        public Response toResponse(RateLimitExceededException e) {
            return retryLater(429, "Too Many Requests", e.getMessage(), e.retryAfterSeconds());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return Problem.of(409, "Conflict", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class SessionNotFound implements ExceptionMapper<SessionNotFoundException> {
        @Override
        public Response toResponse(SessionNotFoundException e) {
            return Problem.of(404, "Not Found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class IllegalTransition implements ExceptionMapper<IllegalTransitionException> {
        @Override
        public Response toResponse(IllegalTransitionException e) {
            return Problem.of(409, "Conflict", e.getMessage()).toResponse();
        }
    }

    /** The broker cannot take the task now; nothing was stored (the transaction rolled back). */
    @Provider
    public static class BrokerUnavailable implements ExceptionMapper<JMSRuntimeException> {
        private static final Logger LOG = Logger.getLogger(BrokerUnavailable.class.getName());
        private static final String RETRY_AFTER_SECONDS = "5";

        @Override
        public Response toResponse(JMSRuntimeException e) {
            LOG.log(Level.WARNING, "The message broker refused a request", e);
            return Response.fromResponse(Problem.of(503, "Service Unavailable",
                    "The task queue is unavailable; try again shortly").toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
    }

    /** JAX-RS's own errors (404 for unknown paths, 405, 406, 415) keep their status. */
    @Provider
    public static class Standard implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.hasEntity() && Problem.MEDIA_TYPE.isCompatible(original.getMediaType())) {
                return original;
            }
            Response.StatusType status = original.getStatusInfo();
            Response.ResponseBuilder problem = Response.status(status.getStatusCode());
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> problem.header(name, value));
                }
            });
            String detail = e.getMessage() != null && !e.getMessage().startsWith("HTTP ")
                    ? e.getMessage() : status.getReasonPhrase();
            return problem.type(Problem.MEDIA_TYPE).entity(Problem.of(status, detail)).build();
        }
    }

    /**
     * Anything else is our fault: logged, and answered without internals. An EJB wraps unchecked
     * exceptions of its callees; those are unwrapped and mapped as themselves.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Context
        Providers providers;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Response toResponse(RuntimeException e) {
            if (e instanceof EJBException && e.getCause() instanceof RuntimeException cause) {
                ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
                if (mapper != null) {
                    return mapper.toResponse(cause);
                }
            }
            LOG.log(Level.SEVERE, "Request failed", e);
            return Problem.of(500, "Internal Server Error", "The server failed to handle the request").toResponse();
        }
    }

    /** A refusal that says when to come back: the problem with its {@code Retry-After} header. */
    private static Response retryLater(int status, String title, String detail, long retryAfterSeconds) {
        return Response.fromResponse(Problem.of(status, title, detail).toResponse())
                .header("Retry-After", retryAfterSeconds)
                .build();
    }
}
