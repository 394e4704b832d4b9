package io.agentry.tasks.control;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.UUID;

/**
 * What a task message on {@code agentry.tasks} carries: which task, which attempt, for which agent,
 * and whether the attempt already holds its agent's dispatch token (it waited for it under the rate
 * limit and must not take another). With tracing on it also carries the W3C trace context of its
 * send in the properties {@code traceparent} and {@code tracestate}, which
 * {@link io.agentry.tracing.control.TaskSpans} reads.
 */
public record TaskDelivery(UUID taskId, int attempt, String agent, boolean redelivered, boolean tokenReserved) {

    static final String TASK_ID = "taskId";
    static final String ATTEMPT = "attempt";
    static final String AGENT = "agent";
    /** {@code mdb} or {@code http}: remote agents share one consumer, which selects on this. */
    static final String AGENT_KIND = "agentKind";
    /** Set only on an attempt re-sent to wait for the dispatch token it reserved. */
    static final String TOKEN_RESERVED = "tokenReserved";

    /**
     * Reads a delivered message. A message without these properties is not ours to run: the
     * exception rolls its delivery back and the broker dead-letters it after its attempts.
     */
    public static TaskDelivery of(Message message) {
        try {
            return new TaskDelivery(UUID.fromString(message.getStringProperty(TASK_ID)),
                    message.getIntProperty(ATTEMPT),
                    message.getStringProperty(AGENT),
                    message.getJMSRedelivered(),
                    message.getBooleanProperty(TOKEN_RESERVED));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
