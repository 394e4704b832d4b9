package io.agentry.audit.boundary;

import io.agentry.audit.control.AuditLog;
import io.agentry.audit.entity.AuditEntry;
import io.agentry.platform.boundary.ProblemException;
import io.agentry.platform.boundary.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/audit}: the audit trail, newest first, for admins.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AuditResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    static final int MAX_FILTER = 200;

    @Inject
    AuditLog audit;

    /** One record as the API shows it. */
    public record Entry(long seq, Instant occurredAt, String actor, String action, String target, String outcome,
            Integer status, String detail) {

        static Entry of(AuditEntry entry) {
            return new Entry(entry.seq(), entry.occurredAt(), entry.actor(), entry.action(), entry.target(),
                    entry.outcome().apiName(), entry.status(), entry.detail());
        }
    }

    public record Page(List<Entry> entries, long total) {
    }

    @GET
    @Operation(summary = "Read the audit trail",
            description = "Operators' and admins' actions (REST and JMX), newest first; filter by actor, action "
                    + "and since (an ISO-8601 instant).")
    public Page list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("since") String since, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        AuditLog.Page page = audit.page(new AuditLog.Filter(text("actor", actor), text("action", action),
                        instant(since)),
                QueryParams.integer("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE),
                QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE));
        return new Page(page.entries().stream().map(Entry::of).toList(), page.total());
    }

    private static String text(String name, String value) {
        if (value != null && value.length() > MAX_FILTER) {
            throw ProblemException.badRequest("'" + name + "' may have at most " + MAX_FILTER + " characters");
        }
        return value;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'since' must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
