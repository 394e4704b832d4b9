package io.agentry.agents.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AwaitSubtasks;
import io.opentelemetry.context.Context;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds one attempt of an agent: the work runs on a managed thread (the default managed executor,
 * which starts a thread per attempt up to its maximum pool size), and when the limit passes it is
 * interrupted and the attempt fails with a retryable error. The work sees the caller's trace
 * context, so the calls it makes belong to the attempt's span.
 */
@ApplicationScoped
public class AttemptTimeouts {

    /** The work of one attempt. */
    @FunctionalInterface
    public interface Attempt {
        JsonNode run() throws AgentFailure, AwaitSubtasks;
    }

    @Resource
    ManagedExecutorService executor;

    public JsonNode within(Duration limit, Attempt attempt) throws AgentFailure, AwaitSubtasks {
        Callable<JsonNode> work = attempt::run;
        Future<JsonNode> running = executor.submit(Context.current().wrap(work));
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
