package io.agentry.tracing.control;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * One span of {@link TaskSpans}, ended on {@link #close()}. {@link #NONE} stands for every span
 * while tracing is off: all its methods do nothing.
 */
public final class TaskSpan implements AutoCloseable {

    /** No span: tracing is off. */
    public static final TaskSpan NONE = new TaskSpan(null, false, null);

    private static final String OUTCOME = "agentry.outcome";

    /** Writes the trace context into the message's string properties. */
    private static final TextMapSetter<Message> MESSAGE_PROPERTIES = (message, key, value) -> {
        try {
            message.setStringProperty(key, value);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    };

    private final Span span;
    private final Scope scope;
    private final TextMapPropagator httpPropagator;

    TaskSpan(Span span, boolean current, TextMapPropagator httpPropagator) {
        this.span = span;
        this.scope = current ? span.makeCurrent() : null;
        this.httpPropagator = httpPropagator;
    }

    /** Puts this span's context into the task message ({@code traceparent}, {@code tracestate}). */
    public void carryIn(Message message) {
        if (span != null) {
            W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), message, MESSAGE_PROPERTIES);
        }
    }

    /** Puts this span's context into the headers of an outbound call. */
    public void carryIn(HttpRequest.Builder request) {
        if (span != null && httpPropagator != null) {
            httpPropagator.inject(Context.current().with(span), request, HttpRequest.Builder::header);
        }
    }

    /** The task turned out to belong to a plan: its session and step. */
    public void inSession(UUID sessionId, String stepId) {
        if (span == null) {
            return;
        }
        if (sessionId != null) {
            span.setAttribute(TaskSpans.SESSION_ID, sessionId.toString());
        }
        if (stepId != null) {
            span.setAttribute(TaskSpans.STEP_ID, stepId);
        }
    }

    /** What became of the delivery or call: {@code completed}, {@code deferred}, {@code skipped}, ... */
    public void outcome(String outcome) {
        if (span != null) {
            span.setAttribute(OUTCOME, outcome);
        }
    }

    /** The work failed: the span's status is an error, with why. */
    public void failed(String outcome, String error) {
        if (span != null) {
            span.setAttribute(OUTCOME, outcome);
            span.setStatus(StatusCode.ERROR, error);
        }
    }

    /** The HTTP status of an outbound call; 5xx marks the span as failed. */
    public void status(int status) {
        if (span != null) {
            span.setAttribute("http.status_code", (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }
    }

    @Override
    public void close() {
        if (span == null) {
            return;
        }
        if (scope != null) {
            scope.close();
        }
        span.end();
    }
}
