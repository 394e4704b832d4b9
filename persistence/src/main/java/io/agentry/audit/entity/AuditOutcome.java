package io.agentry.audit.entity;

import java.util.Locale;

/** How an audited action ended: done, refused (the caller's mistake: 4xx), or failed (the server's: 5xx). */
public enum AuditOutcome {
    SUCCEEDED, REFUSED, FAILED;

    /** The outcome of an HTTP answer with this status. */
    public static AuditOutcome ofStatus(int status) {
        if (status >= 500) {
            return FAILED;
        }
        return status >= 400 ? REFUSED : SUCCEEDED;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
