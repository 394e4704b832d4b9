package io.agentry.agents.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AwaitSubtasks;
import io.opentelemetry.context.Context;
import jakarta.annotation.Resource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds one attempt of an agent: the work runs on a thread of the server's managed thread factory,
 * kept for reuse (a pool that grows with the attempts running at once, up to 200, and shrinks when
 * idle), and when the limit passes it is interrupted and the attempt fails
 * with a retryable error. The server's managed executor would set up the application's context
 * anew for every attempt, a cost as large as a short agent's work; the factory's threads carry it.
 * The work sees the caller's trace context, so the calls it makes belong to the attempt's span.
 */
@ApplicationScoped
public class AttemptTimeouts {

    /** The work of one attempt. */
    @FunctionalInterface
    public interface Attempt {
        JsonNode run() throws AgentFailure, AwaitSubtasks;
    }

    private static final Duration IDLE_THREAD_KEPT = Duration.ofSeconds(60);
    /** Attempts running at once, hung ones included (the server's managed executor allowed as many). */
    private static final int MAX_THREADS = 200;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(0, MAX_THREADS, IDLE_THREAD_KEPT.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public JsonNode within(Duration limit, Attempt attempt) throws AgentFailure, AwaitSubtasks {
        Callable<JsonNode> work = attempt::run;
        Future<JsonNode> running;
        try {
            running = executor.submit(Context.current().wrap(work));
        } catch (RejectedExecutionException e) {
            throw AgentFailure.retryable("No thread is free for the attempt: " + MAX_THREADS + " attempts are running");
        }
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw AgentFailure.retryable("The attempt did not finish within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw AgentFailure.retryable("The attempt was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof AwaitSubtasks wait) {
                throw wait;
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
