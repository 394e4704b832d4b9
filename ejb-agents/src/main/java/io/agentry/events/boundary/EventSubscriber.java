package io.agentry.events.boundary;

import io.agentry.events.control.EventHub;
import io.agentry.events.control.LifecycleEvent;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * This server instance's subscription to {@code agentry.events}: every instance has its own
 * non-durable, non-shared one (so each sees every event; one session, so there is one subscription),
 * and hands each event of a message (the publisher sends them in batches) to its {@link EventHub}.
 * Events missed while no instance listened are in the stored trace, which every stream reads first.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "agentry.events"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
    @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventSubscriber implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EventSubscriber.class.getName());

    @Inject
    EventHub hub;

    @Override
    public void onMessage(Message message) {
        // A stream subscribes before it reads the stored trace, so one that opens after this check
        // finds these events (committed before they were published) in the trace.
        if (!hub.hasSubscriptions()) {
            return;
        }
        try {
            if (message instanceof TextMessage text && text.getText() != null) {
                LifecycleEvent.listFromJson(text.getText()).forEach(hub::publish);
            } else {
                LOG.warning(() -> "Ignoring a message on agentry.events that is not an event: " + message);
            }
        } catch (JMSException | UncheckedIOException e) {
            LOG.warning(() -> "Ignoring an unreadable message on agentry.events: " + e);
        }
    }
}
