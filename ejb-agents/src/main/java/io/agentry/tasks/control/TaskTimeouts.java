package io.agentry.tasks.control;

import io.agentry.tasks.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The time limits of attempts: how long one may take when its task does not say
 * ({@code agentry.tasks.attempt-timeout-ms}), and how much longer the watchdog waits for its outcome
 * before it takes the worker for lost ({@code agentry.watchdog.grace-ms}). The grace leaves room
 * for the normal crash path, where the broker redelivers the message of a worker that died.
 */
@ApplicationScoped
public class TaskTimeouts {

    @Inject
    @ConfigProperty(name = "agentry.tasks.attempt-timeout-ms", defaultValue = "300000")
    long attemptTimeoutMs;

    @Inject
    @ConfigProperty(name = "agentry.watchdog.grace-ms", defaultValue = "60000")
    long graceMs;

    /** How long the task's attempt starting now may take. */
    public Duration attemptLimit(Task task, Instant now) {
        return task.attemptLimit(Duration.ofMillis(attemptTimeoutMs), now);
    }

    /** When an attempt that started at {@code start} with this limit is taken for lost. */
    public Instant attemptDeadline(Instant start, Duration limit) {
        return start.plus(limit).plusMillis(graceMs);
    }
}
