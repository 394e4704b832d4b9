package io.agentry.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A message from one agent of a session to another.
 */
@Entity
@Table(name = "agent_messages")
@NamedQuery(name = AgentMessage.BY_SESSION,
        query = "select m from AgentMessage m where m.sessionId = :sessionId order by m.createdAt, m.id")
public class AgentMessage {

    public static final String BY_SESSION = "AgentMessage.bySession";

    @Id
    private UUID id;

    @Column(name = "session_id", nullable = false)
    private UUID sessionId;

    @Column(name = "from_agent_id")
    private UUID fromAgentId;

    @Column(name = "to_agent_id")
    private UUID toAgentId;

    @Column(name = "message_type", nullable = false, length = 20)
    private String type;

    @JdbcTypeCode(SqlTypes.JSON)
    private String content;

    @JdbcTypeCode(SqlTypes.JSON)
    private String metadata;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AgentMessage() {
    }

    public AgentMessage(UUID sessionId, UUID fromAgentId, UUID toAgentId, MessageType type, String contentJson,
            String metadataJson, Instant now) {
        this.id = UUID.randomUUID();
        this.sessionId = sessionId;
        this.fromAgentId = fromAgentId;
        this.toAgentId = toAgentId;
        this.type = type.apiName();
        this.content = contentJson;
        this.metadata = metadataJson;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public UUID fromAgentId() {
        return fromAgentId;
    }

    public UUID toAgentId() {
        return toAgentId;
    }

    public MessageType type() {
        return MessageType.fromApiName(type);
    }

    public String contentJson() {
        return content;
    }

    public String metadataJson() {
        return metadata;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
