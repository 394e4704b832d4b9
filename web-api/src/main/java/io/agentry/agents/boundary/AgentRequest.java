package io.agentry.agents.boundary;

import io.agentry.agents.control.AgentSettings;
import io.agentry.agents.control.AgentSpec;
import io.agentry.platform.boundary.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/agents} (a remote agent) and {@code PUT /api/agents/{name}}.
 */
public record AgentRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
        @Pattern(regexp = "http", message = "must be \"http\": only remote agents are registered here") String type,
        @Size(max = 1000) String description,
        @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String> capabilities,
        @Size(max = 50) List<@NotNull @Valid EndpointRequest> endpoints,
        @Pattern(regexp = "round_robin|least_connections|weighted",
                message = "must be round_robin, least_connections or weighted") String loadBalancing,
        @Min(1) @Max(3600) Integer timeout,
        @Valid RateLimitRequest rateLimit,
        @Valid CircuitBreakerRequest circuitBreaker,
        @Size(max = 200) @Pattern(regexp = "/\\S*", message = "must be a path starting with '/'") String healthPath) {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.:-]*";
    static final String NAME_MESSAGE = "must be letters, digits, '_', '.', ':' or '-'";

    /** One URL of a remote agent and its share of the calls (weighted balancing). */
    public record EndpointRequest(
            @NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
            String url,
            @Min(1) @Max(1000) Integer weight) {
    }

    public record RateLimitRequest(
            @NotNull @Min(1) @Max(AgentSettings.RateLimit.MAX_RATE_PER_MINUTE) Integer ratePerMinute,
            @NotNull @Min(1) @Max(AgentSettings.RateLimit.MAX_BURST) Integer burst) {
    }

    public record CircuitBreakerRequest(
            @Min(1) @Max(1000) Integer failureThreshold,
            @Min(100) @Max(86_400_000) Long delayMs) {
    }

    /** What Bean Validation cannot say: the 400 the request answers, or null. */
    Problem problem(boolean remote) {
        List<EndpointRequest> given = endpoints == null ? List.of() : endpoints;
        if (remote && given.isEmpty()) {
            return Problem.of(400, "Bad Request", "A remote agent needs at least one endpoint");
        }
        for (EndpointRequest endpoint : given) {
            try {
                if (new URI(endpoint.url()).getHost() == null) {
                    return Problem.of(400, "Bad Request", "Endpoint URL '" + endpoint.url() + "' has no host");
                }
            } catch (URISyntaxException e) {
                return Problem.of(400, "Bad Request", "Endpoint URL '" + endpoint.url() + "' is not a URL: "
                        + e.getReason());
            }
        }
        if (given.stream().map(e -> URI.create(e.url()).normalize()).distinct().count() != given.size()) {
            return Problem.of(400, "Bad Request", "Each endpoint URL may be given once");
        }
        return null;
    }

    AgentSpec toSpec() {
        Map<URI, Integer> weights = new LinkedHashMap<>();
        if (endpoints != null) {
            endpoints.forEach(e -> weights.put(URI.create(e.url()).normalize(), e.weight() == null ? 1 : e.weight()));
        }
        AgentSettings settings = new AgentSettings(null, timeout, loadBalancing,
                rateLimit == null ? null : new AgentSettings.RateLimit(rateLimit.ratePerMinute(), rateLimit.burst()),
                circuitBreaker == null ? null
                        : new AgentSettings.CircuitBreaker(circuitBreaker.failureThreshold(), circuitBreaker.delayMs()),
                healthPath);
        return new AgentSpec(description, capabilities == null ? List.of() : List.copyOf(capabilities), weights,
                settings);
    }
}
