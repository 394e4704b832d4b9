package io.agentry.events.control;

import io.agentry.platform.control.AfterCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes recorded events on the {@code agentry.events} topic once the transaction that stored
 * them has committed, from a thread of its own, as many as are waiting in one message (a JSON
 * array): each message costs a send and a delivery to every instance's subscriber, whatever its
 * size. The topic is a live notification, not part of the change: publishing inside the transaction
 * made every change of a task a two-phase commit with the broker (its prepare and commit journalled),
 * even the start of an attempt, which otherwise touches only the database. An event whose
 * publication is lost (the process dies right after the commit, or the backlog overflows) is still
 * in the stored trace, which every stream reads first.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    /** Events committed but not yet sent; beyond it new ones are only in the stored trace. */
    private static final int BACKLOG = 100_000;
    /** Events per message at most: well under the broker's large-message threshold (100 KiB). */
    private static final int BATCH = 100;

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/Events")
    Topic topic;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    @Inject
    AfterCommit afterCommit;

    private final BlockingQueue<LifecycleEvent> backlog = new LinkedBlockingQueue<>(BACKLOG);
    private final AtomicLong dropped = new AtomicLong();
    private Thread sender;

    @PostConstruct
    void start() {
        sender = threadFactory.newThread(this::send);
        sender.setName("agentry-event-publisher");
        sender.start();
    }

    @PreDestroy
    void stop() {
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes the event once the current transaction commits; never when it rolls back. */
    public void publish(LifecycleEvent event) {
        afterCommit.run(() -> {
            if (!backlog.offer(event) && dropped.getAndIncrement() % BACKLOG == 0) {
                LOG.warning(() -> "Event backlog full (" + BACKLOG + "): live streams miss events, the stored "
                        + "trace has them; " + dropped.get() + " dropped so far");
            }
        });
    }

    private void send() {
        List<LifecycleEvent> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(backlog.take());
            } catch (InterruptedException e) {
                return;
            }
            backlog.drainTo(batch, BATCH - 1);
            try (JMSContext context = connectionFactory.createContext()) {
                context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .send(topic, LifecycleEvent.toJson(batch));
            } catch (JMSRuntimeException e) {
                LOG.log(Level.WARNING, "Could not publish " + batch.size() + " events (the stored trace has them)", e);
            }
            batch.clear();
        }
    }
}
