package io.agentry.remote.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.agents.control.AgentRegistry;
import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.entity.Agent;
import io.agentry.agents.spi.AgentFailure;
import io.agentry.agents.spi.AgentTask;
import io.agentry.outbound.control.OutboundAddresses;
import io.agentry.platform.control.Json;
import io.agentry.resilience.control.CircuitBreakers;
import io.agentry.tracing.control.TaskSpan;
import io.agentry.tracing.control.TaskSpans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One attempt of a task on a remote agent: POST the task as JSON to one of its endpoints, with the
 * idempotency key {@code task_id:attempt} in the {@code Idempotency-Key} header, and take the JSON
 * answer as the result. 5xx answers, timeouts and connection failures are retryable (and count
 * against the endpoint's breaker); 4xx answers are not, except 408 and 429. With tracing on, the
 * call is a client span and the request carries its trace context ({@code traceparent}).
 */
@ApplicationScoped
public class RemoteCalls {

    private static final int MAX_ERROR_BODY = 500;

    @Inject
    AgentRegistry agents;

    @Inject
    LoadBalancer balancer;

    @Inject
    CircuitBreakers breakers;

    @Inject
    TaskSpans spans;

    @Inject
    OutboundAddresses outbound;

    @Inject
    @ConfigProperty(name = "agentry.remote-agents.timeout-seconds")
    int defaultTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "agentry.remote-agents.health-check-interval-seconds")
    int healthCheckIntervalSeconds;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public JsonNode call(AgentTask task) throws AgentFailure {
        // An attempt runs on a managed thread of its own, outside the consuming transaction: the
        // agent comes with its endpoints.
        Agent agent = agents.findWithEndpoints(task.agent())
                .filter(Agent::isActive)
                .orElseThrow(() -> AgentFailure.permanent("Agent '" + task.agent() + "' is no longer registered"));
        AgentSettings settings = AgentSettings.of(agent);
        Optional<LoadBalancer.Lease> chosen = balancer.choose(agent, settings.balancing());
        if (chosen.isEmpty()) {
            throw AgentFailure.unavailable("No endpoint of agent '" + agent.name() + "' is available",
                    nextChance(agent));
        }
        LoadBalancer.Lease lease = chosen.get();
        Optional<String> refused = outbound.refusal(lease.url().toString());
        if (refused.isPresent()) {
            lease.end(false);
            throw AgentFailure.permanent(where(agent, lease) + " is not called: the URL " + refused.get());
        }
        int timeout = settings.timeout() == null ? defaultTimeoutSeconds : settings.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(lease.url())
                .timeout(Duration.ofSeconds(timeout))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", task.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(task))));
        HttpResponse<String> response;
        try (TaskSpan span = spans.calling(agent.name(), task.id(), task.attempt(), task.sessionId(), lease.url())) {
            span.carryIn(request);
            response = send(request.build(), agent, lease, timeout);
            span.status(response.statusCode());
        }
        int status = response.statusCode();
        lease.end(status >= 500);
        if (status >= 200 && status < 300) {
            return result(agent, lease, response.body());
        }
        String answer = where(agent, lease) + " answered " + status + snippet(response.body());
        if (status >= 500 || status == 408 || status == 429) {
            throw AgentFailure.retryable(answer);
        }
        throw AgentFailure.permanent(answer);
    }

    /** Sends the request; a failure to get an answer is retryable and counts against the endpoint. */
    private HttpResponse<String> send(HttpRequest request, Agent agent, LoadBalancer.Lease lease, int timeout)
            throws AgentFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            lease.end(true);
            throw AgentFailure.retryable(where(agent, lease) + " did not answer within " + timeout + " s");
        } catch (IOException e) {
            lease.end(true);
            throw AgentFailure.retryable(where(agent, lease) + " could not be reached: " + e);
        } catch (InterruptedException e) {
            lease.end(true);
            Thread.currentThread().interrupt();
            throw AgentFailure.retryable("The call to " + where(agent, lease) + " was interrupted");
        }
    }

    private static ObjectNode body(AgentTask task) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("task_id", task.id().toString());
        body.put("attempt", task.attempt());
        body.put("agent", task.agent());
        body.set("payload", task.payload());
        body.set("metadata", task.metadata());
        body.put("session_id", task.sessionId() == null ? null : task.sessionId().toString());
        body.put("step_id", task.stepId());
        return body;
    }

    private static JsonNode result(Agent agent, LoadBalancer.Lease lease, String body) throws AgentFailure {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.read(body);
        } catch (UncheckedIOException e) {
            throw AgentFailure.permanent(where(agent, lease) + " answered with a body that is not JSON");
        }
    }

    /** When an endpoint may be back: when the first breaker closes, or at the next health check. */
    private Duration nextChance(Agent agent) {
        return agent.endpoints().stream()
                .map(endpoint -> breakers.remaining(breakers.ofEndpoint(agent, endpoint.url())))
                .flatMap(Optional::stream)
                .min(Duration::compareTo)
                .orElse(Duration.ofSeconds(healthCheckIntervalSeconds));
    }

    private static String where(Agent agent, LoadBalancer.Lease lease) {
        return "Agent '" + agent.name() + "' at " + lease.url();
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        return ": " + (trimmed.length() <= MAX_ERROR_BODY ? trimmed : trimmed.substring(0, MAX_ERROR_BODY) + "...");
    }
}
