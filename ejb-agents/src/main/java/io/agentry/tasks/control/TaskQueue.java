package io.agentry.tasks.control;

import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import io.agentry.tracing.control.TaskSpan;
import io.agentry.tracing.control.TaskSpans;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts task attempts on {@code agentry.tasks} and dead tasks on {@code agentry.tasks.DLQ}. Sends
 * join the caller's JTA transaction: the message exists if and only if the transaction commits.
 * With tracing on, each send of an attempt is a span whose trace context the message carries.
 */
@ApplicationScoped
public class TaskQueue {

    @Resource(lookup = "jms/agentry/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/agentry/Tasks")
    Queue tasks;

    @Resource(lookup = "jms/agentry/DeadLetters")
    Queue deadLetters;

    @Inject
    EventLog events;

    @Inject
    TaskSpans spans;

    /** Puts a stored (or re-run) task on the queue now: it becomes {@code queued}. */
    public void dispatch(Task task, Instant now) {
        task.queue(now);
        enqueue(task, now);
    }

    /** Sends the attempt of a task that has just become {@code queued}, and records that it is. */
    public void enqueue(Task task, Instant now) {
        events.record(enqueued(task), now);
    }

    /**
     * {@link #enqueue} without recording: sends the attempt and returns its {@code task_queued} event,
     * which the caller records with others.
     */
    public EventLog.Change enqueued(Task task) {
        send(task, Duration.ZERO);
        return new EventLog.Change(task, EventType.TASK_QUEUED, Map.of("attempt", task.currentAttempt()));
    }

    /** Enqueues the task's current attempt, to be delivered after {@code delay}. */
    public void send(Task task, Duration delay) {
        send(task, delay, false);
    }

    /**
     * Enqueues the task's current attempt, to be delivered after {@code delay}; {@code tokenReserved}
     * when it holds its agent's dispatch token for then (see {@link TaskDelivery#tokenReserved()}).
     */
    public void send(Task task, Duration delay, boolean tokenReserved) {
        try (TaskSpan span = spans.sending(task, delay);
                JMSContext context = connectionFactory.createContext()) {
            Message message = context.createMessage();
            describe(message, task);
            span.carryIn(message);
            if (tokenReserved) {
                message.setBooleanProperty(TaskDelivery.TOKEN_RESERVED, true);
            }
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setPriority(task.jmsPriority())
                    .setDeliveryDelay(Math.max(0, delay.toMillis()))
                    .send(tasks, message);
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Puts a dead task on the dead letter queue, with why it died. */
    public void deadLetter(Task task, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", task.id().toString());
        body.put("agent", task.agent().name());
        body.put("attempts", task.currentAttempt());
        body.put("error", task.errorMessage());
        body.put("dead_lettered_at", now.toString());
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = context.createTextMessage(Json.write(body));
            describe(message, task);
            message.setStringProperty("reason", "retries_exhausted");
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setPriority(task.jmsPriority())
                    .send(deadLetters, message);
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static void describe(Message message, Task task) throws jakarta.jms.JMSException {
        message.setStringProperty(TaskDelivery.AGENT, task.agent().name());
        message.setStringProperty(TaskDelivery.AGENT_KIND, task.agent().kind().apiName());
        message.setStringProperty(TaskDelivery.TASK_ID, task.id().toString());
        message.setIntProperty(TaskDelivery.ATTEMPT, task.currentAttempt());
    }
}
