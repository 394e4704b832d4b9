package io.agentry.events.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;

/**
 * Hands a webhook call to {@code agentry.webhooks} in the caller's transaction: it is made only if
 * the change it reports commits, and it is made later, by its own consumer, so no agent waits for
 * a slow receiver.
 */
@ApplicationScoped
public class Webhooks {

    /** Message properties of a webhook call. */
    public static final String URL = "callbackUrl";
    public static final String ATTEMPT = "attempt";

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/Webhooks")
    Queue webhooks;

    /** Schedules a POST of {@code body} to {@code callbackUrl}, first attempt after {@code delayMs}. */
    public void schedule(String callbackUrl, JsonNode body, int attempt, long delayMs) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = context.createTextMessage(Json.write(body));
            message.setStringProperty(URL, callbackUrl);
            message.setIntProperty(ATTEMPT, attempt);
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setDeliveryDelay(Math.max(0, delayMs))
                    .send(webhooks, message);
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
