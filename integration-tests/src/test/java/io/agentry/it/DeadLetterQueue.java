package io.agentry.it;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Looks into {@code agentry.tasks.DLQ} on the server's broker with a plain JMS client.
 */
final class DeadLetterQueue {

    private DeadLetterQueue() {
    }

    /** The task ids of the messages on the dead letter queue. */
    static List<String> taskIds(int brokerPort) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                JMSContext context = factory.createContext()) {
            Queue dlq = context.createQueue("agentry.tasks.DLQ");
            List<String> ids = new ArrayList<>();
            try (QueueBrowser browser = context.createBrowser(dlq)) {
                for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                    ids.add(message.getStringProperty("taskId"));
                }
            }
            return ids;
        }
    }
}
