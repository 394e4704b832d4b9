package io.agentry.agents.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.control.AttemptTimeouts;
import io.agentry.sessions.control.SessionMessages;
import io.agentry.sessions.entity.MessageType;
import io.agentry.tasks.control.Admission;
import io.agentry.tasks.control.TaskDelivery;
import io.agentry.tasks.control.TaskExecution;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;

/**
 * Base of every message-driven agent. For each task message it starts the attempt (committed on
 * its own, so the task shows {@code in_progress}), validates and processes the payload within the
 * attempt's time limit, and records the outcome in the transaction that consumes the message: a
 * crash before that commit puts the message back on the queue and leaves no result.
 */
public abstract class AgentBean implements MessageListener {

    @Inject
    TaskExecution execution;

    @Inject
    AttemptTimeouts timeouts;

    @Inject
    SessionMessages sessionMessages;

    @Override
    public void onMessage(Message message) {
        TaskDelivery delivery = TaskDelivery.of(message);
        Admission admission = execution.begin(delivery);
        if (admission instanceof Admission.Defer defer) {
            execution.defer(delivery, defer);
            return;
        }
        if (!(admission instanceof Admission.Run run)) {
            return;
        }
        AgentTask task = run.task();
        JsonNode output;
        try {
            validate(task.payload());
            output = timeouts.within(task.attemptTimeout(), () -> process(task));
        } catch (AgentFailure failure) {
            execution.fail(task, failure);
            return;
        } catch (AwaitSubtasks wait) {
            execution.awaitSubtasks(task, wait.subtasks());
            return;
        } catch (RuntimeException bug) {
            execution.fail(task, AgentFailure.unexpected(bug));
            return;
        }
        execution.complete(task, output);
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

    /** Publishes an insight gained while working on {@code task}. */
    protected void insight(AgentTask task, JsonNode insight) {
        sessionMessages.insight(task, insight);
    }
}
