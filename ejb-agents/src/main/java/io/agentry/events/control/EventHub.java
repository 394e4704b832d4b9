package io.agentry.events.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the events this server instance receives from {@code agentry.events} to the streams open
 * on it, by task and by session. Memory is bounded per stream ({@code agentry.streams.buffer-size}).
 */
@ApplicationScoped
public class EventHub {

    private final ConcurrentMap<UUID, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "agentry.streams.buffer-size", defaultValue = "1000")
    int bufferSize;

    /** Live events of the task or session {@code id} from now on, until the subscription is closed. */
    public Subscription subscribe(UUID id) {
        Subscription subscription = new Subscription(id, bufferSize, this::unsubscribe);
        subscriptions.compute(id, (key, subscribers) -> {
            Set<Subscription> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
            set.add(subscription);
            return set;
        });
        return subscription;
    }

    /** Offers the event to the subscribers of its task and of its session. */
    public void publish(LifecycleEvent event) {
        offer(event.taskId(), event);
        offer(event.sessionId(), event);
    }

    private void offer(UUID id, LifecycleEvent event) {
        if (id == null) {
            return;
        }
        Set<Subscription> subscribers = subscriptions.get(id);
        if (subscribers != null) {
            subscribers.forEach(subscription -> subscription.offer(event));
        }
    }

    private void unsubscribe(Subscription subscription) {
        subscriptions.computeIfPresent(subscription.id(), (key, subscribers) -> {
            subscribers.remove(subscription);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** Whether any stream is open on this instance: without one, received events need not even be read. */
    public boolean hasSubscriptions() {
        return !subscriptions.isEmpty();
    }

    /** The number of open subscriptions, for tests and diagnostics. */
    public int openSubscriptions() {
        return subscriptions.values().stream().mapToInt(Set::size).sum();
    }
}
