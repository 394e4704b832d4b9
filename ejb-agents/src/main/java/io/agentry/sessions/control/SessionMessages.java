package io.agentry.sessions.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.events.control.EventLog;
import io.agentry.platform.control.Json;
import io.agentry.platform.control.Timestamps;
import io.agentry.sessions.entity.AgentMessage;
import io.agentry.sessions.entity.MessageType;
import io.agentry.tasks.entity.EventType;
import io.agentry.tasks.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What agents of a session say to each other and about their work: messages are stored in
 * {@code agent_messages} and published as {@code agent_message} events, insights as
 * {@code agent_insight} events.
 */
@Stateless
public class SessionMessages {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Inject
    AgentRegistry agents;

    @Inject
    EventLog events;

    /** Sends a message from the agent running {@code from} to another agent taking part in the session. */
    public AgentMessage send(AgentTask from, String toAgent, MessageType type, JsonNode content) throws AgentFailure {
        if (from.sessionId() == null) {
            throw AgentFailure.permanent("Only steps of a session can message other agents");
        }
        Agent recipient = agents.find(toAgent)
                .orElseThrow(() -> AgentFailure.permanent("Unknown agent '" + toAgent + "'"));
        Long inSession = em.createQuery("select count(t) from Task t where t.sessionId = :session and t.agent = :agent",
                Long.class).setParameter("session", from.sessionId()).setParameter("agent", recipient).getSingleResult();
        if (inSession == 0) {
            throw AgentFailure.permanent("Agent '" + toAgent + "' takes no part in this session");
        }
        Agent sender = agents.find(from.agent()).orElseThrow();
        Instant now = Timestamps.now();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("task_id", from.id().toString());
        if (from.stepId() != null) {
            metadata.put("step_id", from.stepId());
        }
        AgentMessage message = new AgentMessage(from.sessionId(), sender.id(), recipient.id(), type, Json.write(content),
                Json.write(metadata), now);
        em.persist(message);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", message.id().toString());
        data.put("from_agent", sender.name());
        data.put("to_agent", recipient.name());
        data.put("message_type", type.apiName());
        data.put("content", content);
        events.record(em.find(Task.class, from.id()), EventType.AGENT_MESSAGE, data, now);
        return message;
    }

    /** Publishes something the agent learned while working on {@code task}. */
    public void insight(AgentTask task, JsonNode insight) {
        Instant now = Timestamps.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", task.agent());
        data.put("insight", insight);
        events.record(em.find(Task.class, task.id()), EventType.AGENT_INSIGHT, data, now);
    }
}
