package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.control.AttemptTimeouts;
import io.agentry.memory.control.Memories;
import io.agentry.sessions.control.SessionMessages;
import io.agentry.sessions.entity.MessageType;
import io.agentry.tasks.control.Admission;
import io.agentry.tasks.control.TaskDelivery;
import io.agentry.tasks.control.TaskExecution;
import io.agentry.tracing.control.TaskSpan;
import io.agentry.tracing.control.TaskSpans;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;

/**
 * Base of every message-driven agent. For each task message it starts the attempt (committed on
 * its own, so the task shows {@code in_progress}), validates and processes the payload within the
 * attempt's time limit, and records the outcome in the transaction that consumes the message: a
 * crash before that commit puts the message back on the queue and leaves no result. Each delivery
 * is a span of its own (with tracing on), the child of the send that put the message on the queue.
 */
public abstract class AgentBean implements MessageListener {

    @Inject
    TaskExecution execution;

    @Inject
    AttemptTimeouts timeouts;

    @Inject
    SessionMessages sessionMessages;

    @Inject
    Memories memories;

    @Inject
    TaskSpans spans;

    @Override
    public void onMessage(Message message) {
        TaskDelivery delivery = TaskDelivery.of(message);
        try (TaskSpan span = spans.receiving(message, delivery.taskId(), delivery.agent(), delivery.attempt(),
                delivery.redelivered())) {
            run(delivery, span);
        }
    }

    private void run(TaskDelivery delivery, TaskSpan span) {
        Admission admission = execution.begin(delivery);
        if (admission instanceof Admission.Defer defer) {
            span.outcome("deferred");
            execution.defer(delivery, defer);
            return;
        }
        if (!(admission instanceof Admission.Run run)) {
            span.outcome("skipped");
            return;
        }
        AgentTask task = run.task();
        span.inSession(task.sessionId(), task.stepId());
        JsonNode output;
        try {
            validate(task.payload());
            output = timeouts.within(task.attemptTimeout(), () -> process(task));
        } catch (AgentFailure failure) {
            failed(task, failure, span);
            return;
        } catch (AwaitSubtasks wait) {
            span.outcome("awaiting_subtasks");
            execution.awaitSubtasks(task, wait.subtasks());
            return;
        } catch (RuntimeException bug) {
            failed(task, AgentFailure.unexpected(bug), span);
            return;
        }
        span.outcome("completed");
        execution.complete(task, output);
    }

    private void failed(AgentTask task, AgentFailure failure, TaskSpan span) {
        span.failed(failure.unavailableFor() != null ? "unavailable"
                : failure.isRetryable() ? "failed_retryable" : "failed", failure.getMessage());
        execution.fail(task, failure);
    }

    /** Refuses a payload this agent cannot work on, with a permanent failure. */
    protected void validate(JsonNode payload) throws AgentFailure {
    }

    /** Does the work and returns the result, or throws {@link #waitFor} to hand part of it to subtasks. */
    protected abstract JsonNode process(AgentTask task) throws AgentFailure, AwaitSubtasks;

    /** What {@code process} throws to wait for subtasks without holding its thread. */
    protected AwaitSubtasks waitFor(List<Subtask> subtasks) {
        return new AwaitSubtasks(subtasks);
    }

    /** Sends a message to another agent taking part in the same session. */
    protected void send(AgentTask from, String toAgent, MessageType type, JsonNode content) throws AgentFailure {
        sessionMessages.send(from, toAgent, type, content);
    }

    /** What this agent remembers for the user {@code task} runs for. */
    protected AgentMemory memory(AgentTask task) throws AgentFailure {
        if (task.user() == null) {
            throw AgentFailure.permanent("Task " + task.id() + " runs for no user, so it has no memory");
        }
        return memories.of(task.agent(), task.user());
    }

    /** Publishes an insight gained while working on {@code task}. */
    protected void insight(AgentTask task, JsonNode insight) {
        sessionMessages.insight(task, insight);
    }
}
