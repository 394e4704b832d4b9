package io.agentry.memory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One remembered value of an agent for one user. An entry past its expiry time no longer exists
 * for anyone reading it ({@link #isLiveAt}); a sweep deletes it later. Rows are first created by an
 * insert that does nothing when the key exists ({@link #CLAIM_POSTGRESQL}, {@link #CLAIM_H2}), then
 * written under a row lock, so two writers of one key never fail on the unique key.
 */
@Entity
@Table(name = "agent_memory")
@NamedQuery(name = MemoryEntry.OF_KEY, query = "select m from MemoryEntry m "
        + "where m.agentId = :agent and m.userId = :user and m.key = :key")
@NamedQuery(name = MemoryEntry.LIVE, query = "select m from MemoryEntry m where m.agentId = :agent "
        + "and m.userId = :user and (m.expiresAt is null or m.expiresAt > :now) "
        + "and (:type is null or m.type = :type) and m.key like :prefix escape '!' order by m.key")
@NamedQuery(name = MemoryEntry.COUNT_LIVE, query = "select count(m) from MemoryEntry m where m.agentId = :agent "
        + "and m.userId = :user and (m.expiresAt is null or m.expiresAt > :now) "
        + "and (:type is null or m.type = :type) and m.key like :prefix escape '!'")
@NamedQuery(name = MemoryEntry.STATS, query = "select m.type, count(m), sum(m.accessCount), min(m.createdAt), "
        + "max(m.createdAt) from MemoryEntry m where m.agentId = :agent and m.userId = :user "
        + "and (m.expiresAt is null or m.expiresAt > :now) group by m.type")
@NamedQuery(name = MemoryEntry.DELETE_KEY, query = "delete from MemoryEntry m "
        + "where m.agentId = :agent and m.userId = :user and m.key = :key")
@NamedQuery(name = MemoryEntry.DELETE_ALL, query = "delete from MemoryEntry m "
        + "where m.agentId = :agent and m.userId = :user")
@NamedQuery(name = MemoryEntry.DELETE_EXPIRED, query = "delete from MemoryEntry m where m.expiresAt <= :now")
@NamedNativeQuery(name = MemoryEntry.CLAIM_POSTGRESQL, query = "INSERT INTO agent_memory "
        + "(id, agent_id, user_id, memory_type, memory_key, created_at, access_count) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT (agent_id, user_id, memory_key) DO NOTHING")
@NamedNativeQuery(name = MemoryEntry.CLAIM_H2, query = "MERGE INTO agent_memory m "
        + "USING (SELECT CAST(?1 AS UUID) AS id, CAST(?2 AS UUID) AS agent_id, CAST(?3 AS VARCHAR(100)) AS user_id, "
        + "CAST(?4 AS VARCHAR(20)) AS memory_type, CAST(?5 AS VARCHAR(500)) AS memory_key, "
        + "CAST(?6 AS TIMESTAMP(6) WITH TIME ZONE) AS created_at) s "
        + "ON m.agent_id = s.agent_id AND m.user_id = s.user_id AND m.memory_key = s.memory_key "
        + "WHEN NOT MATCHED THEN INSERT (id, agent_id, user_id, memory_type, memory_key, created_at, access_count) "
        + "VALUES (s.id, s.agent_id, s.user_id, s.memory_type, s.memory_key, s.created_at, 0)")
public class MemoryEntry {

    /** The longest key the table holds. */
    public static final int MAX_KEY_LENGTH = 500;

    /** Parameters: agent, user, key. */
    public static final String OF_KEY = "MemoryEntry.ofKey";
    /** Parameters: agent, user, now, type (null for all), prefix (a LIKE pattern escaped with '!'). */
    public static final String LIVE = "MemoryEntry.live";
    public static final String COUNT_LIVE = "MemoryEntry.countLive";
    /** Per type of the live entries: type, count, accesses, oldest and newest creation time. */
    public static final String STATS = "MemoryEntry.stats";
    public static final String DELETE_KEY = "MemoryEntry.deleteKey";
    public static final String DELETE_ALL = "MemoryEntry.deleteAll";
    public static final String DELETE_EXPIRED = "MemoryEntry.deleteExpired";
    /** Parameters: id, agent id, user, type, key, now — creates the row unless the key has one. */
    public static final String CLAIM_POSTGRESQL = "MemoryEntry.claimPostgresql";
    /** As {@link #CLAIM_POSTGRESQL}, for H2. */
    public static final String CLAIM_H2 = "MemoryEntry.claimH2";

    @Id
    private UUID id;

    @Column(name = "agent_id", nullable = false)
    private UUID agentId;

    @Column(name = "user_id", nullable = false, length = 100)
    private String userId;

    @Convert(converter = MemoryTypeColumn.class)
    @Column(name = "memory_type", nullable = false, length = 20)
    private MemoryType type;

    @Column(name = "memory_key", nullable = false, length = 500)
    private String key;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "memory_value")
    private String value;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "accessed_at")
    private Instant accessedAt;

    @Column(name = "access_count", nullable = false)
    private int accessCount;

    protected MemoryEntry() {
    }

    /**
     * Writes a value over whatever the entry held. An entry that had expired starts over, as if it
     * were new: it is a different memory that happens to reuse the key.
     */
    public void write(String valueJson, MemoryType newType, Duration timeToLive, Instant now) {
        if (value == null || !isLiveAt(now)) {
            createdAt = now;
            accessedAt = null;
            accessCount = 0;
        }
        value = valueJson;
        type = newType;
        expiresAt = timeToLive == null ? null : now.plus(timeToLive);
    }

    /** Counts a read of the entry. */
    public void read(Instant now) {
        accessedAt = now;
        accessCount++;
    }

    /** Whether the entry holds a value at {@code now}: written, and not yet expired. */
    public boolean isLiveAt(Instant now) {
        return value != null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public String key() {
        return key;
    }

    public String valueJson() {
        return value;
    }

    public MemoryType type() {
        return type;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant accessedAt() {
        return accessedAt;
    }

    public int accessCount() {
        return accessCount;
    }
}
