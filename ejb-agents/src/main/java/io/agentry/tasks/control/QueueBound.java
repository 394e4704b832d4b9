package io.agentry.tasks.control;

import io.agentry.tasks.entity.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backpressure: how many tasks may wait at once ({@code agentry.queue.max-waiting}). The count of
 * waiting tasks is read at most once per {@code agentry.queue.count-interval-ms}, so the bound costs
 * one query a second, not one a submit, and may be passed by what one interval admits.
 */
@ApplicationScoped
public class QueueBound {

    private static final EnumSet<TaskStatus> WAITING = EnumSet.of(TaskStatus.PENDING, TaskStatus.QUEUED,
            TaskStatus.RETRY_SCHEDULED);

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "agentry.queue.max-waiting", defaultValue = "100000")
    long maxWaiting;

    @Inject
    @ConfigProperty(name = "agentry.queue.count-interval-ms", defaultValue = "1000")
    long countIntervalMs;

    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong nextCountAt = new AtomicLong(System.nanoTime());

    /** Refuses a submit while the queue is at its bound. */
    public void admit() {
        long now = System.nanoTime();
        long due = nextCountAt.get();
        if (now - due >= 0 && nextCountAt.compareAndSet(due, now + Duration.ofMillis(countIntervalMs).toNanos())) {
            waiting.set(em.createQuery("select count(t) from Task t where t.status in :waiting", Long.class)
                    .setParameter("waiting", WAITING).getSingleResult());
        }
        if (waiting.get() >= maxWaiting) {
            throw new QueueFullException(Math.max(1, countIntervalMs / 1000));
        }
    }
}
