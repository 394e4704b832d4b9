package io.agentry.memory.control;

import io.agentry.agents.entity.Agent;
import io.agentry.agents.spi.AgentMemory;
import io.agentry.memory.entity.MemoryEntry;
import io.agentry.memory.entity.MemoryType;
import io.agentry.platform.control.Dialects;
import io.agentry.platform.control.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The memory of one agent (by id) for one user: every call names both, so no call can reach another
 * user's entries. Expired entries are invisible at once and deleted by {@link #sweep} later. Each
 * call is a transaction of its own unless it joins the caller's: what an agent remembers during an
 * attempt stays remembered even if the attempt then fails.
 */
@Stateless
public class Memories {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Resource
    SessionContext context;

    /** A page of live entries in key order, and how many live entries match in all. */
    public record Page(List<MemoryEntry> entries, long total) {
    }

    /** An entry after {@link #write}, and whether the key held no live value before. */
    public record Written(MemoryEntry entry, boolean created) {
    }

    /** The live entries of one type: how many, how often read, the oldest and newest creation time. */
    public record TypeStats(long count, long accesses, Instant oldest, Instant newest) {
    }

    public Page list(UUID agent, String user, MemoryType type, String prefix, int limit, int offset) {
        Instant now = Timestamps.now();
        String like = likePrefix(prefix);
        List<MemoryEntry> entries = em.createNamedQuery(MemoryEntry.LIVE, MemoryEntry.class)
                .setParameter("agent", agent).setParameter("user", user).setParameter("now", now)
                .setParameter("type", type).setParameter("prefix", like)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList();
        long total = em.createNamedQuery(MemoryEntry.COUNT_LIVE, Long.class)
                .setParameter("agent", agent).setParameter("user", user).setParameter("now", now)
                .setParameter("type", type).setParameter("prefix", like)
                .getSingleResult();
        return new Page(entries, total);
    }

    /** The live entry of {@code key}, its read counted; empty when there is none. */
    public Optional<MemoryEntry> read(UUID agent, String user, String key) {
        Instant now = Timestamps.now();
        Optional<MemoryEntry> entry = ofKey(agent, user, key, LockModeType.PESSIMISTIC_WRITE)
                .filter(e -> e.isLiveAt(now));
        entry.ifPresent(e -> e.read(now));
        return entry;
    }

    /** Writes {@code key}; a null time to live keeps the value until it is overwritten or deleted. */
    public Written write(UUID agent, String user, String key, String valueJson, MemoryType type, Duration timeToLive) {
        Instant now = Timestamps.now();
        claim(agent, user, key, type, now);
        MemoryEntry entry = ofKey(agent, user, key, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        boolean created = !entry.isLiveAt(now);
        entry.write(valueJson, type, timeToLive, now);
        return new Written(entry, created);
    }

    /** Forgets {@code key}; false when it held no live value. */
    public boolean delete(UUID agent, String user, String key) {
        boolean wasLive = ofKey(agent, user, key, LockModeType.PESSIMISTIC_WRITE)
                .filter(e -> e.isLiveAt(Timestamps.now())).isPresent();
        em.createNamedQuery(MemoryEntry.DELETE_KEY)
                .setParameter("agent", agent).setParameter("user", user).setParameter("key", key)
                .executeUpdate();
        return wasLive;
    }

    /** Forgets everything the agent remembers for the user; the number of entries deleted. */
    public int clear(UUID agent, String user) {
        return em.createNamedQuery(MemoryEntry.DELETE_ALL)
                .setParameter("agent", agent).setParameter("user", user)
                .executeUpdate();
    }

    public Map<MemoryType, TypeStats> stats(UUID agent, String user) {
        Map<MemoryType, TypeStats> stats = new EnumMap<>(MemoryType.class);
        for (MemoryType type : MemoryType.values()) {
            stats.put(type, new TypeStats(0, 0, null, null));
        }
        em.createNamedQuery(MemoryEntry.STATS, Object[].class)
                .setParameter("agent", agent).setParameter("user", user).setParameter("now", Timestamps.now())
                .getResultList()
                .forEach(row -> stats.put((MemoryType) row[0], new TypeStats(((Number) row[1]).longValue(),
                        row[2] == null ? 0 : ((Number) row[2]).longValue(), (Instant) row[3], (Instant) row[4])));
        return stats;
    }

    /**
     * What the agent named {@code agent} remembers for {@code user}, for the agent's own code (see
     * {@link AgentMemory}); its calls go through this bean's container proxy, so each is transactional.
     */
    public AgentMemory of(String agent, String user) {
        UUID id = em.createNamedQuery(Agent.BY_NAME, Agent.class).setParameter("name", agent).getSingleResult().id();
        return new UserMemory(context.getBusinessObject(Memories.class), id, user);
    }

    /** Deletes the entries expired by {@code now}; the number deleted. */
    public int sweep(Instant now) {
        return em.createNamedQuery(MemoryEntry.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    }

    private Optional<MemoryEntry> ofKey(UUID agent, String user, String key, LockModeType lock) {
        return em.createNamedQuery(MemoryEntry.OF_KEY, MemoryEntry.class)
                .setParameter("agent", agent).setParameter("user", user).setParameter("key", key)
                .setLockMode(lock)
                .getResultList().stream().findFirst();
    }

    /**
     * Makes sure the key has a row to lock, without failing when another writer creates it first.
     * H2's MERGE is not safe against a concurrent insert of the same key (both miss the other's
     * uncommitted row), so on H2 the claims of one agent's memory take turns on the agent's row.
     */
    private void claim(UUID agent, String user, String key, MemoryType type, Instant now) {
        boolean postgresql = Dialects.isPostgresql(em);
        if (!postgresql) {
            em.find(Agent.class, agent, LockModeType.PESSIMISTIC_WRITE);
        }
        em.createNamedQuery(postgresql ? MemoryEntry.CLAIM_POSTGRESQL : MemoryEntry.CLAIM_H2)
                .unwrap(NativeQuery.class)
                .setParameter(1, UUID.randomUUID(), UUID.class)
                .setParameter(2, agent, UUID.class)
                .setParameter(3, user, String.class)
                .setParameter(4, type.apiName(), String.class)
                .setParameter(5, key, String.class)
                .setParameter(6, now, Instant.class)
                .executeUpdate();
    }

    /** A LIKE pattern matching keys that start with {@code prefix} taken literally. */
    static String likePrefix(String prefix) {
        if (prefix == null) {
            return "%";
        }
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
