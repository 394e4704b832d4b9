/**
 * The audit trail over REST: operators' and admins' actions are recorded as they are answered
 * ({@link io.agentry.audit.boundary.Audited}), and admins read them at {@code /api/audit}.
 */
package io.agentry.audit.boundary;
