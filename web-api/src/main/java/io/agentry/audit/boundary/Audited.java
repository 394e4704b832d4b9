package io.agentry.audit.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose calls go into the audit trail as {@link #value()} (e.g.
 * {@code agent.pause}), whatever their outcome; {@link AuditTrail} records them.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Audited {

    /** The action, as {@code GET /api/audit?action=} filters it. */
    String value() default "";
}
