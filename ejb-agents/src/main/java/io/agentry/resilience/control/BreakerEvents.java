package io.agentry.resilience.control;

import io.agentry.events.control.EventLog;
import io.agentry.tasks.entity.EventType;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Publishes {@code circuit_opened} and {@code circuit_closed}. A breaker changes state inside the
 * call that tripped it (whose transaction may still roll back) or on a timer thread, so the event
 * is recorded on its own, asynchronously.
 */
@Stateless
public class BreakerEvents {

    private static final Logger LOG = Logger.getLogger(BreakerEvents.class.getName());

    @Inject
    EventLog events;

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void opened(String agent, URI endpoint, Instant at) {
        LOG.warning(() -> "Circuit opened for agent '" + agent + "'" + (endpoint == null ? "" : " endpoint " + endpoint));
        events.recordForAgent(EventType.CIRCUIT_OPENED, data(agent, endpoint), at);
    }

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void closed(String agent, URI endpoint, Instant at) {
        LOG.info(() -> "Circuit closed for agent '" + agent + "'" + (endpoint == null ? "" : " endpoint " + endpoint));
        events.recordForAgent(EventType.CIRCUIT_CLOSED, data(agent, endpoint), at);
    }

    private static Map<String, Object> data(String agent, URI endpoint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        if (endpoint != null) {
            data.put("endpoint", endpoint.toString());
        }
        return data;
    }
}
