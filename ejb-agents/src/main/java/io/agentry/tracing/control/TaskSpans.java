package io.agentry.tracing.control;

import io.agentry.tasks.entity.Task;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the spans of a task's way: one {@code agentry.tasks send} (producer) span per task
 * message sent, one {@code agentry.tasks process} (consumer) span per delivery an agent takes — so
 * each attempt, retry or deferral is a span of its own — and a client span per call to a remote
 * agent. The W3C trace context goes from one to the next in the task message's {@code traceparent}
 * and {@code tracestate} properties, so one trace runs REST → queue → agent → next step.
 * <p>
 * Tracing is on when MicroProfile Config says {@code otel.sdk.disabled=false} (as Payara decides
 * for the application's OpenTelemetry SDK); otherwise every method returns {@link TaskSpan#NONE}
 * at once, allocating nothing.
 */
@ApplicationScoped
public class TaskSpans {

    static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("agentry.task.id");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("agentry.agent");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("agentry.attempt");
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("agentry.session.id");
    static final AttributeKey<String> STEP_ID = AttributeKey.stringKey("agentry.step.id");
    static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("agentry.delay_ms");
    static final AttributeKey<Boolean> REDELIVERED = AttributeKey.booleanKey("agentry.redelivered");

    private static final String DESTINATION = "agentry.tasks";
    private static final String INSTRUMENTATION_SCOPE = "io.agentry";

    /** Reads the trace context from the task message's properties. */
    private static final TextMapGetter<Message> MESSAGE_PROPERTIES = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message message) {
            return W3CTraceContextPropagator.getInstance().fields();
        }

        @Override
        public String get(Message message, String key) {
            try {
                return message == null ? null : message.getStringProperty(key);
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        }
    };

    @Inject
    @ConfigProperty(name = "otel.sdk.disabled", defaultValue = "true")
    boolean disabled;

    /** Resolved only once tracing is on: with it off, deploying never depends on the runtime's OpenTelemetry bean. */
    @Inject
    Instance<OpenTelemetry> openTelemetry;

    private volatile Tracer tracer;

    /** The span of sending the task's current attempt to the queue, a child of the current span. */
    public TaskSpan sending(Task task, Duration delay) {
        if (disabled) {
            return TaskSpan.NONE;
        }
        SpanBuilder builder = messaging(tracer().spanBuilder(DESTINATION + " send"), SpanKind.PRODUCER, "publish")
                .setAttribute(TASK_ID, task.id().toString())
                .setAttribute(AGENT, task.agent().name())
                .setAttribute(ATTEMPT, (long) task.currentAttempt());
        session(builder, task.sessionId(), task.stepId());
        if (!delay.isZero()) {
            builder.setAttribute(DELAY_MS, delay.toMillis());
        }
        return new TaskSpan(builder.startSpan(), false, null);
    }

    /**
     * The span of an agent taking a delivered task message: its parent is the send span the message
     * carries, and it is the current span until closed, so what the attempt sends (a retry, the next
     * plan step, subtasks) and the calls it makes continue the trace.
     */
    public TaskSpan receiving(Message message, UUID taskId, String agent, int attempt, boolean redelivered) {
        if (disabled) {
            return TaskSpan.NONE;
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), message, MESSAGE_PROPERTIES);
        Span span = messaging(tracer().spanBuilder(DESTINATION + " process"), SpanKind.CONSUMER, "process")
                .setParent(parent)
                .setAttribute(TASK_ID, taskId.toString())
                .setAttribute(AGENT, agent)
                .setAttribute(ATTEMPT, (long) attempt)
                .setAttribute(REDELIVERED, redelivered)
                .startSpan();
        return new TaskSpan(span, true, null);
    }

    /**
     * The client span of one call to a remote agent's endpoint; its context goes out in the request's
     * headers through the configured propagators ({@code otel.propagators}, W3C {@code traceparent}
     * by default).
     */
    public TaskSpan calling(String agent, UUID taskId, int attempt, UUID sessionId, URI url) {
        if (disabled) {
            return TaskSpan.NONE;
        }
        SpanBuilder builder = tracer().spanBuilder("POST")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.method", "POST")
                .setAttribute("http.url", url.toString())
                .setAttribute(TASK_ID, taskId.toString())
                .setAttribute(AGENT, agent)
                .setAttribute(ATTEMPT, (long) attempt);
        session(builder, sessionId, null);
        return new TaskSpan(builder.startSpan(), false, openTelemetry.get().getPropagators().getTextMapPropagator());
    }

    private static SpanBuilder messaging(SpanBuilder builder, SpanKind kind, String operation) {
        return builder.setSpanKind(kind)
                .setAttribute("messaging.system", "activemq")
                .setAttribute("messaging.destination.name", DESTINATION)
                .setAttribute("messaging.operation", operation);
    }

    private static void session(SpanBuilder builder, UUID sessionId, String stepId) {
        if (sessionId != null) {
            builder.setAttribute(SESSION_ID, sessionId.toString());
        }
        if (stepId != null) {
            builder.setAttribute(STEP_ID, stepId);
        }
    }

    private Tracer tracer() {
        Tracer current = tracer;
        if (current == null) {
            current = openTelemetry.get().getTracer(INSTRUMENTATION_SCOPE);
            tracer = current;
        }
        return current;
    }
}
