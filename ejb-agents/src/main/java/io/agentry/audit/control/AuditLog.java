package io.agentry.audit.control;

import io.agentry.audit.entity.AuditEntry;
import io.agentry.audit.entity.AuditOutcome;
import io.agentry.platform.control.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way into the audit trail. A record is written in a transaction of its own: it stays when
 * the action it describes rolled back, and a failure to write it never undoes the action. Anything
 * that changes users, roles or passwords records itself with {@link #record}, e.g.
 * {@code audit.record(caller, "user.create", "alice", AuditOutcome.SUCCEEDED, null, "roles operator")}.
 */
@ApplicationScoped
public class AuditLog {

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    /** Which records to read: any of the filters may be null. */
    public record Filter(String actor, String action, Instant since) {
    }

    public record Page(List<AuditEntry> entries, long total) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, String action, String target, AuditOutcome outcome, Integer status,
            String detail) {
        em.persist(new AuditEntry(Timestamps.now(), actor, action, target, outcome, status, detail));
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page page(Filter filter, int limit, int offset) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            conditions.add("e.actor = :actor");
            parameters.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("e.action = :action");
            parameters.put("action", filter.action());
        }
        if (filter.since() != null) {
            conditions.add("e.occurredAt >= :since");
            parameters.put("since", filter.since());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<AuditEntry> entries = em.createQuery(
                "select e from AuditEntry e" + where + " order by e.seq desc", AuditEntry.class);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEntry e" + where, Long.class);
        parameters.forEach((name, value) -> {
            entries.setParameter(name, value);
            count.setParameter(name, value);
        });
        return new Page(entries.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }
}
