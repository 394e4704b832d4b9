/**
 * The audit trail as stored in {@code audit_log}: one row per operator or admin action, never changed.
 */
package io.agentry.audit.entity;
