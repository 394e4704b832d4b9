package io.agentry.diagnostics.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.spi.AgentBean;
import io.agentry.agents.spi.AgentDefinition;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.agents.spi.AwaitSubtasks;
import io.agentry.agents.spi.Subtask;
import io.agentry.platform.control.Json;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.memory.entity.MemoryEntry;
import io.agentry.memory.entity.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.agentry.sessions.entity.MessageType;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostics agent: returns its payload. {@code delay_ms} makes it take that long,
 * {@code fail_first: N} fails the first N attempts with a retryable error, and
 * {@code fail: "permanent"} fails with one that is not retried. In a session,
 * {@code message: {to, type, content}} sends another agent a message and {@code insight: {...}}
 * publishes an insight. {@code spawn: [{agent, payload}, ...]} hands those payloads to subtasks and,
 * once they have all ended, answers {@code {"subtasks": [their outcomes]}}.
 * {@code remember: {key, value, memory_type, ttl_seconds}} writes to the memory of the task's user,
 * and {@code recall: "key"} answers the payload with {@code recalled} set to that key's value (null
 * when there is none). Benchmarks, health
 * probes and the black-box tests drive it.
 */
@AgentDefinition(name = EchoAgent.NAME, description = "Returns its payload; can be told to wait or to fail",
        capabilities = {"echo", "diagnostics"})
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "agentry.tasks"),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "agent = 'echo'"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${agentry.agents.echo.concurrency}"),
    // No prefetch: a consumer takes the highest-priority message only when it is free.
    @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
public class EchoAgent extends AgentBean {

    static final String NAME = "echo";
    private static final long MAX_DELAY_MS = 600_000;
    private static final int MAX_SUBTASKS = 100;

    @Override
    protected void validate(JsonNode payload) throws AgentFailure {
        JsonNode delay = payload.path("delay_ms");
        if (!delay.isMissingNode() && !(delay.canConvertToLong() && delay.isIntegralNumber()
                && delay.asLong() >= 0 && delay.asLong() <= MAX_DELAY_MS)) {
            throw AgentFailure.permanent("delay_ms must be a whole number of milliseconds from 0 to " + MAX_DELAY_MS);
        }
        JsonNode failFirst = payload.path("fail_first");
        if (!failFirst.isMissingNode() && !(failFirst.isIntegralNumber() && failFirst.canConvertToInt()
                && failFirst.asInt() >= 0)) {
            throw AgentFailure.permanent("fail_first must be a whole number >= 0");
        }
        JsonNode fail = payload.path("fail");
        if (!fail.isMissingNode() && !"permanent".equals(fail.asText(null))) {
            throw AgentFailure.permanent("fail must be \"permanent\"");
        }
        JsonNode spawn = payload.path("spawn");
        if (!spawn.isMissingNode()) {
            if (!spawn.isArray() || spawn.isEmpty() || spawn.size() > MAX_SUBTASKS) {
                throw AgentFailure.permanent("spawn must be a list of 1 to " + MAX_SUBTASKS + " subtasks");
            }
            for (JsonNode subtask : spawn) {
                if (!subtask.path("agent").isTextual() || !subtask.has("payload")) {
                    throw AgentFailure.permanent("each subtask in spawn needs an 'agent' and a 'payload'");
                }
            }
        }
        JsonNode remember = payload.path("remember");
        if (!remember.isMissingNode() && !(isKey(remember.path("key"))
                && remember.hasNonNull("value")
                && MemoryType.fromApiName(remember.path("memory_type").asText("long_term")) != null
                && (!remember.has("ttl_seconds") || remember.get("ttl_seconds").canConvertToLong()
                        && remember.get("ttl_seconds").isIntegralNumber() && remember.get("ttl_seconds").asLong() > 0))) {
            throw AgentFailure.permanent("remember needs a 'key', a 'value', and optionally a 'memory_type' "
                    + "(short_term, long_term, episodic) and 'ttl_seconds' > 0");
        }
        if (payload.has("recall") && !isKey(payload.get("recall"))) {
            throw AgentFailure.permanent("recall must be a key");
        }
        JsonNode message = payload.path("message");
        if (!message.isMissingNode() && !(message.path("to").isTextual()
                && MessageType.fromApiName(message.path("type").asText("notification")) != null)) {
            throw AgentFailure.permanent("message needs 'to' (an agent) and a 'type' of request, response or notification");
        }
    }

    @Override
    protected JsonNode process(AgentTask task) throws AgentFailure, AwaitSubtasks {
        JsonNode payload = task.payload();
        if (payload.has("spawn")) {
            if (task.subtasks().isEmpty()) {
                List<Subtask> subtasks = new ArrayList<>();
                payload.get("spawn").forEach(s -> subtasks.add(Subtask.forAgent(s.get("agent").asText(), s.get("payload"))));
                throw waitFor(subtasks);
            }
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.set("subtasks", Json.MAPPER.valueToTree(task.subtasks()));
            return result;
        }
        long delayMs = payload.path("delay_ms").asLong(0);
        if (delayMs > 0) {
            pause(delayMs);
        }
        if (payload.has("message")) {
            JsonNode message = payload.get("message");
            send(task, message.get("to").asText(), MessageType.fromApiName(message.path("type").asText("notification")),
                    message.path("content"));
        }
        if (payload.has("insight")) {
            insight(task, payload.get("insight"));
        }
        if (payload.has("remember")) {
            JsonNode remember = payload.get("remember");
            memory(task).remember(remember.get("key").asText(), remember.get("value"),
                    MemoryType.fromApiName(remember.path("memory_type").asText("long_term")),
                    remember.has("ttl_seconds") ? Duration.ofSeconds(remember.get("ttl_seconds").asLong()) : null);
        }
        if (payload.has("recall")) {
            ObjectNode answer = ((ObjectNode) payload).deepCopy();
            answer.set("recalled", memory(task).recall(payload.get("recall").asText()).orElse(NullNode.getInstance()));
            payload = answer;
        }
        if (payload.has("fail")) {
            throw AgentFailure.permanent("echo was told to fail permanently");
        }
        int failFirst = payload.path("fail_first").asInt(0);
        if (task.attempt() <= failFirst) {
            throw AgentFailure.retryable("echo was told to fail attempt " + task.attempt() + " of the first "
                    + failFirst);
        }
        return payload;
    }

    private static boolean isKey(JsonNode key) {
        return key.isTextual() && !key.asText().isEmpty() && key.asText().length() <= MemoryEntry.MAX_KEY_LENGTH;
    }

    private static void pause(long millis) throws AgentFailure {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AgentFailure.retryable("echo was interrupted while waiting");
        }
    }
}
