package io.agentry.outbound.boundary;

import io.agentry.outbound.control.OutboundAddresses;
import io.agentry.platform.boundary.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The 422 for a URL in a request that the server may not call ({@link OutboundAddresses} owns the
 * rule), naming the field it came in.
 */
@ApplicationScoped
public class CallableUrls {

    @Inject
    OutboundAddresses outbound;

    /** The problem with the URL of this field, or null when there is none (or no URL). */
    public Problem problem(String field, String url) {
        if (url == null) {
            return null;
        }
        return outbound.refusal(url)
                .map(why -> Problem.of(422, "Unprocessable Content", "'" + field + "' " + why)
                        .withErrors(List.of(new Problem.FieldError(field, why))))
                .orElse(null);
    }
}
