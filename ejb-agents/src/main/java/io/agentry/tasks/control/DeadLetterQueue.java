package io.agentry.tasks.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * What lies on {@code agentry.tasks.DLQ}: tasks whose retries ran out (with why and when) and
 * messages the broker gave up redelivering.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterQueue {

    /** One dead letter; {@code reason} is {@code retries_exhausted}, or {@code redelivery_exhausted} for the broker's. */
    public record DeadLetter(String taskId, String agent, String reason, Integer attempts, String error,
            Instant deadLetteredAt) {
    }

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/DeadLetters")
    Queue deadLetters;

    /** The oldest {@code limit} dead letters, optionally of one agent. */
    public List<DeadLetter> list(String agent, int limit) {
        String selector = agent == null ? null : TaskDelivery.AGENT + " = '" + agent.replace("'", "''") + "'";
        List<DeadLetter> letters = new ArrayList<>();
        try (JMSContext context = connectionFactory.createContext();
                QueueBrowser browser = context.createBrowser(deadLetters, selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < limit) {
                letters.add(describe((Message) messages.nextElement()));
            }
            return letters;
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Our own dead letters carry a JSON description; anything else is described by its properties. */
    private static DeadLetter describe(Message message) throws JMSException {
        String reason = message.getStringProperty("reason");
        if (reason != null && message instanceof TextMessage text && text.getText() != null) {
            JsonNode body = Json.read(text.getText());
            return new DeadLetter(body.path("task_id").asText(), body.path("agent").asText(), reason,
                    body.path("attempts").asInt(), body.path("error").asText(null),
                    Instant.parse(body.path("dead_lettered_at").asText()));
        }
        return new DeadLetter(message.getStringProperty(TaskDelivery.TASK_ID),
                message.getStringProperty(TaskDelivery.AGENT), "redelivery_exhausted",
                message.propertyExists(TaskDelivery.ATTEMPT) ? message.getIntProperty(TaskDelivery.ATTEMPT) : null,
                null, Instant.ofEpochMilli(message.getJMSTimestamp()));
    }
}
