package io.agentry.events.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs event streams: first the stored trace, then live events from the {@link EventHub}, until the
 * event that ends the stream, the client leaves, or {@code agentry.streams.max-duration-seconds}
 * pass. Subscribing comes before reading the trace, so an event committed in between arrives
 * twice rather than never, and the copy is dropped by its {@code seq}.
 * <p>
 * A live event is published once its whole transaction has ended, which is after the broker made
 * the messages of that transaction deliverable: the next attempt of a plan can start, and its
 * {@code task_started} arrive live, before the {@code task_queued} of the transaction that queued it.
 * So a live event the stream has not sent is taken as a sign that the stored trace has grown: the
 * trace is read again and what it adds is sent in {@code seq} order (every event committed before
 * the live one was, and so everything that led to it, is in it), then the live event itself.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());

    @Inject
    EventHub hub;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "agentry.streams.max-duration-seconds", defaultValue = "3600")
    long maxDurationSeconds;

    @Inject
    @ConfigProperty(name = "agentry.streams.keep-alive-seconds", defaultValue = "15")
    long keepAliveSeconds;

    @Inject
    @ConfigProperty(name = "agentry.streams.max-clients", defaultValue = "200")
    int maxClients;

    private ThreadPoolExecutor executor;

    /**
     * Each stream waits on a thread of its own. The server's default executor would queue all of
     * them behind one thread (its core size is 0), so the streams get a pool of their own, bounded
     * by {@code agentry.streams.max-clients} and without a queue.
     */
    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(0, maxClients, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threadFactory);
    }

    /** Interrupts the open streams, which then close their connections. */
    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Runs {@code stream} on a stream thread; cancelling the result ends a {@link #relay} in it. */
    public Future<?> submit(Runnable stream) {
        try {
            return executor.submit(stream);
        } catch (RejectedExecutionException e) {
            throw new TooManyStreamsException(maxClients);
        }
    }

    /**
     * Sends the stored trace of a source that has already ended into {@code sink} on the calling
     * thread, and closes the sink; false, having sent nothing, while the source has not ended.
     */
    public boolean replayEnded(EventSource source, EventSink sink) {
        List<LifecycleEvent> stored = source.trace().get();
        if (!source.hasEnded(stored)) {
            return false;
        }
        try {
            for (LifecycleEvent event : stored) {
                sink.send(event);
            }
        } catch (IOException e) {
            LOG.fine(() -> "Client of the event stream of " + source.id() + " left: " + e.getMessage());
        } finally {
            sink.close();
        }
        return true;
    }

    /** Streams {@code source} into {@code sink} on the calling thread, and closes the sink. */
    public void relay(EventSource source, EventSink sink) {
        Instant deadline = Instant.now().plusSeconds(maxDurationSeconds);
        try (Subscription live = hub.subscribe(source.id())) {
            Set<Long> sent = new HashSet<>();
            List<LifecycleEvent> stored = source.trace().get();
            for (LifecycleEvent event : stored) {
                sink.send(event);
                sent.add(event.seq());
            }
            if (source.hasEnded(stored)) {
                return;
            }
            Duration keepAlive = Duration.ofSeconds(keepAliveSeconds);
            while (Instant.now().isBefore(deadline)) {
                Duration left = Duration.between(Instant.now(), deadline);
                LifecycleEvent event = live.next(left.compareTo(keepAlive) < 0 ? left : keepAlive);
                if (event == null) {
                    if (!live.isOpen()) {
                        if (live.fellBehind()) {
                            LOG.info(() -> "Closed the event stream of " + source.id()
                                    + ": its client did not keep up");
                        }
                        return;
                    }
                    sink.keepAlive();
                } else if (!sent.contains(event.seq())) {
                    // A set, not "greater than the last seq": concurrent steps of a session may
                    // commit in another order than their seq was drawn.
                    for (LifecycleEvent caughtUp : source.trace().get()) {
                        if (send(caughtUp, sent, sink) && source.last().test(caughtUp)) {
                            return;
                        }
                    }
                    if (send(event, sent, sink) && source.last().test(event)) {
                        return;
                    }
                }
            }
            LOG.fine(() -> "Closed the event stream of " + source.id() + " after its maximum duration");
        } catch (IOException e) {
            LOG.fine(() -> "Client of the event stream of " + source.id() + " left: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
        }
    }

    /** Sends the event unless the stream has sent it already; whether it sent it. */
    private static boolean send(LifecycleEvent event, Set<Long> sent, EventSink sink) throws IOException {
        if (!sent.add(event.seq())) {
            return false;
        }
        sink.send(event);
        return true;
    }
}
