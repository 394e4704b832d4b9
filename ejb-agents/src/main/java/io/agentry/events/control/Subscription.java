package io.agentry.events.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The live events of one task or session for one stream, buffered up to a bound. A stream that
 * lets the buffer fill up is cut off rather than let memory grow: its client reconnects and the
 * stored trace gives it what it missed.
 */
public final class Subscription implements AutoCloseable {

    private final UUID id;
    private final int capacity;
    private final Consumer<Subscription> onClose;
    private final Queue<LifecycleEvent> pending = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean open = true;
    private boolean fellBehind;

    Subscription(UUID id, int capacity, Consumer<Subscription> onClose) {
        this.id = id;
        this.capacity = capacity;
        this.onClose = onClose;
    }

    /** The task or session whose events this receives. */
    public UUID id() {
        return id;
    }

    /** Called by the hub for each event; never blocks, so a slow stream cannot hold up the others. */
    void offer(LifecycleEvent event) {
        boolean overflowed = false;
        lock.lock();
        try {
            if (!open) {
                return;
            }
            if (pending.size() >= capacity) {
                fellBehind = true;
                overflowed = true;
            } else {
                pending.add(event);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (overflowed) {
            close();
        }
    }

    /**
     * The next event, waiting at most {@code timeout}; {@code null} when none came in time or the
     * subscription is closed (then {@link #isOpen()} is false).
     */
    public LifecycleEvent next(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (open && pending.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return open ? pending.poll() : null;
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Whether it was closed because its stream did not keep up. */
    public boolean fellBehind() {
        lock.lock();
        try {
            return fellBehind;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            pending.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }
}
