package io.agentry.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A stored routing rule: tasks submitted with {@link #pattern()} go to the agent named
 * {@link #targetAgent()}, with the rule's timeout and priority where the task gives none. Rules are
 * written by upsert ({@link #UPSERT_POSTGRESQL}, {@link #UPSERT_H2}), which never fails when another
 * server instance writes the same pattern at the same time.
 */
@Entity
@Table(name = "routing_rules")
@NamedQuery(name = RoutingRule.ALL, query = "select r from RoutingRule r order by r.pattern")
@NamedQuery(name = RoutingRule.WITH_AGENT, query = "select r, a from RoutingRule r "
        + "left join Agent a on a.name = r.targetAgent where r.pattern = :pattern")
@NamedQuery(name = RoutingRule.DELETE, query = "delete from RoutingRule r where r.pattern = :pattern")
@NamedNativeQuery(name = RoutingRule.UPSERT_POSTGRESQL, query = "INSERT INTO routing_rules "
        + "(pattern, target_agent, timeout_seconds, priority, created_at, updated_at) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        + "ON CONFLICT (pattern) DO UPDATE SET target_agent = EXCLUDED.target_agent, "
        + "timeout_seconds = EXCLUDED.timeout_seconds, priority = EXCLUDED.priority, updated_at = EXCLUDED.updated_at")
@NamedNativeQuery(name = RoutingRule.UPSERT_H2, query = "MERGE INTO routing_rules r "
        + "USING (SELECT CAST(?1 AS VARCHAR(100)) AS pattern, CAST(?2 AS VARCHAR(100)) AS target_agent, "
        + "CAST(?3 AS INTEGER) AS timeout_seconds, CAST(?4 AS INTEGER) AS priority, "
        + "CAST(?5 AS TIMESTAMP(6) WITH TIME ZONE) AS created_at, "
        + "CAST(?6 AS TIMESTAMP(6) WITH TIME ZONE) AS updated_at) s ON r.pattern = s.pattern "
        + "WHEN MATCHED THEN UPDATE SET target_agent = s.target_agent, timeout_seconds = s.timeout_seconds, "
        + "priority = s.priority, updated_at = s.updated_at "
        + "WHEN NOT MATCHED THEN INSERT (pattern, target_agent, timeout_seconds, priority, created_at, updated_at) "
        + "VALUES (s.pattern, s.target_agent, s.timeout_seconds, s.priority, s.created_at, s.updated_at)")
public class RoutingRule {

    public static final String ALL = "RoutingRule.all";
    /** The rule of a pattern with its target agent (null when no agent has that name). */
    public static final String WITH_AGENT = "RoutingRule.withAgent";
    public static final String DELETE = "RoutingRule.delete";
    /** Parameters: pattern, target agent, timeout, priority, created at, updated at (the time of writing). */
    public static final String UPSERT_POSTGRESQL = "RoutingRule.upsertPostgresql";
    /** As {@link #UPSERT_POSTGRESQL}, for H2 (one server per database, so there is no race to lose). */
    public static final String UPSERT_H2 = "RoutingRule.upsertH2";

    @Id
    @Column(length = 100)
    private String pattern;

    @Column(name = "target_agent", nullable = false, length = 100)
    private String targetAgent;

    @Column(name = "timeout_seconds")
    private Integer timeoutSeconds;

    private Integer priority;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RoutingRule() {
    }

    public String pattern() {
        return pattern;
    }

    public String targetAgent() {
        return targetAgent;
    }

    /** Seconds a task routed by this rule may take, when its request gives no timeout; may be null. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Priority (1-5) of a task routed by this rule, when its request gives none; may be null. */
    public Integer priority() {
        return priority;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
