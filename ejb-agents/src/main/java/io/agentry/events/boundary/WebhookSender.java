package io.agentry.events.boundary;

import io.agentry.events.control.WebhookDelivery;
import io.agentry.events.control.Webhooks;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Consumes the webhook calls on {@code agentry.webhooks}. A failed call is rescheduled by
 * {@link WebhookDelivery}, not thrown: broker redelivery is only for crashes.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "agentry.webhooks"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class WebhookSender implements MessageListener {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    @Inject
    WebhookDelivery delivery;

    @Override
    public void onMessage(Message message) {
        try {
            String url = message.getStringProperty(Webhooks.URL);
            if (url == null || !(message instanceof TextMessage text) || text.getText() == null) {
                LOG.warning(() -> "Dropping a webhook message without URL or body: " + message);
                return;
            }
            int attempt = message.propertyExists(Webhooks.ATTEMPT) ? message.getIntProperty(Webhooks.ATTEMPT) : 1;
            delivery.deliver(url, text.getText(), attempt);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read a webhook message", e);
        }
    }
}
