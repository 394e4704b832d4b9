package io.agentry.remote.control;

import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.entity.AgentEndpoint;
import io.agentry.agents.entity.AgentKind;
import io.agentry.outbound.control.OutboundAddresses;
import io.agentry.platform.control.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Health checks of remote agents' endpoints: a GET of each endpoint's health URL (its
 * {@code health_path}, {@code /health} by default, resolved against the endpoint URL); a 2xx answer
 * within the time limit passes. The calls run outside any transaction, all at once; the outcomes
 * are stored together.
 */
@Stateless
public class EndpointHealth {

    private static final Logger LOG = Logger.getLogger(EndpointHealth.class.getName());

    @PersistenceContext(unitName = "agentry")
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    OutboundAddresses outbound;

    @Inject
    @ConfigProperty(name = "agentry.remote-agents.health-timeout-ms")
    long timeoutMs;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** What to check: an endpoint and its health URL. */
    public record Target(UUID endpoint, URI healthUrl) {
    }

    /** What a check found; {@code error} says why it failed. */
    public record Outcome(UUID endpoint, boolean passed, String error) {
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void checkAll() {
        EndpointHealth self = context.getBusinessObject(EndpointHealth.class);
        List<Target> targets = self.targets();
        if (targets.isEmpty()) {
            return;
        }
        List<CompletableFuture<Outcome>> checks = targets.stream().map(this::check).toList();
        self.record(checks.stream().map(CompletableFuture::join).toList());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Target> targets() {
        return em.createQuery("select e from AgentEndpoint e join e.agent a where a.active = true and a.type = :http",
                AgentEndpoint.class)
                .setParameter("http", AgentKind.HTTP.apiName())
                .getResultList().stream()
                .map(e -> new Target(e.id(), healthUrl(e)))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(List<Outcome> outcomes) {
        Instant now = Timestamps.now();
        Map<UUID, Outcome> byEndpoint = new LinkedHashMap<>();
        outcomes.forEach(o -> byEndpoint.put(o.endpoint(), o));
        byEndpoint.forEach((id, outcome) -> {
            AgentEndpoint endpoint = em.find(AgentEndpoint.class, id);
            if (endpoint != null && endpoint.checked(outcome.passed(), outcome.error(), now)) {
                LOG.warning(() -> "Endpoint " + endpoint.url() + (outcome.passed() ? " passed its health check again"
                        : " failed its health check and left the rotation: " + outcome.error()));
            }
        });
    }

    private static URI healthUrl(AgentEndpoint endpoint) {
        String path = AgentSettings.of(endpoint.agent()).healthPath();
        return endpoint.url().resolve(path == null ? "/health" : path);
    }

    private CompletableFuture<Outcome> check(Target target) {
        Optional<String> refused = outbound.refusal(target.healthUrl().toString());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(
                    new Outcome(target.endpoint(), false, target.healthUrl() + " " + refused.get()));
        }
        HttpRequest request = HttpRequest.newBuilder(target.healthUrl())
                .timeout(Duration.ofMillis(timeoutMs))
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() >= 200 && response.statusCode() < 300
                        ? new Outcome(target.endpoint(), true, null)
                        : new Outcome(target.endpoint(), false, target.healthUrl() + " answered " + response.statusCode()))
                .exceptionally(e -> new Outcome(target.endpoint(), false, target.healthUrl() + ": " + e.getCause()));
    }
}
