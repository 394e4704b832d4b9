package io.agentry.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One audited action: who ({@code actor}), what ({@code action} on {@code target}), when, and how it
 * ended. Texts longer than their columns are cut, so a record is never refused for its length.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    public static final int MAX_ACTOR = 200;
    public static final int MAX_ACTION = 100;
    public static final int MAX_TARGET = 500;
    public static final int MAX_DETAIL = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = MAX_ACTOR)
    private String actor;

    @Column(nullable = false, length = MAX_ACTION)
    private String action;

    @Column(length = MAX_TARGET)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private AuditOutcome outcome;

    private Integer status;

    @Column(length = MAX_DETAIL)
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Instant occurredAt, String actor, String action, String target, AuditOutcome outcome,
            Integer status, String detail) {
        this.occurredAt = occurredAt;
        this.actor = cut(actor == null ? "unknown" : actor, MAX_ACTOR);
        this.action = cut(action, MAX_ACTION);
        this.target = cut(target, MAX_TARGET);
        this.outcome = outcome;
        this.status = status;
        this.detail = cut(detail, MAX_DETAIL);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long seq() {
        return seq;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public AuditOutcome outcome() {
        return outcome;
    }

    public Integer status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
