package io.agentry.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What the broker alone moves: an embedded Artemis with the journal settings of
 * {@code agentry-broker.xml}, producers and consumers over TCP, one JMS transaction per persistent
 * 1 KB message on each side. Agentry cannot be faster than this, so its figures are a share of it.
 */
final class ArtemisBaseline {

    private static final String QUEUE = "bench";
    private static final int MESSAGE_BYTES = 1024;

    private ArtemisBaseline() {
    }

    /** Messages per second through the broker, produced and consumed. */
    static double messagesPerSecond(Path dataDir, int messages, int producers, int consumers) throws Exception {
        int port = AgentryServer.freePort();
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("bench");
        configuration.setPersistenceEnabled(true);
        configuration.setSecurityEnabled(false);
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalDatasync(true);
        configuration.setJournalBufferTimeout_NIO(500_000);
        configuration.setJournalPoolFiles(10);
        configuration.setBindingsDirectory(dataDir.resolve("bindings").toString());
        configuration.setJournalDirectory(dataDir.resolve("journal").toString());
        configuration.setPagingDirectory(dataDir.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        configuration.addAcceptorConfiguration("bench", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        configuration.addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        ExecutorService clients = Executors.newFixedThreadPool(producers + consumers);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port)) {
            factory.setConsumerWindowSize(0);
            AtomicInteger toSend = new AtomicInteger(messages);
            AtomicInteger toReceive = new AtomicInteger(messages);
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < consumers; i++) {
                work.add(clients.submit(() -> consume(factory, toReceive)));
            }
            for (int i = 0; i < producers; i++) {
                work.add(clients.submit(() -> produce(factory, toSend)));
            }
            for (Future<?> future : work) {
                future.get(30, TimeUnit.MINUTES);
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdownNow();
            broker.stop();
        }
    }

    private static Void produce(ConnectionFactory factory, AtomicInteger toSend) throws JMSException {
        byte[] body = new byte[MESSAGE_BYTES];
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (toSend.getAndDecrement() > 0) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
                session.commit();
            }
        }
        return null;
    }

    private static Void consume(ConnectionFactory factory, AtomicInteger toReceive) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (toReceive.get() > 0) {
                if (consumer.receive(200) != null) {
                    session.commit();
                    toReceive.decrementAndGet();
                }
            }
        }
        return null;
    }
}
