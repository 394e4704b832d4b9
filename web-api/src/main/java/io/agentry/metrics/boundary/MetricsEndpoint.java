package io.agentry.metrics.boundary;

import io.agentry.metrics.control.OrchestratorMetrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.agentry.platform.boundary.Problem;
import io.agentry.platform.control.Json;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /metrics}: Prometheus text format 0.0.4, or OpenMetrics 1.0 for a scraper that asks for it.
 * Payara's own MicroProfile Metrics endpoint is switched off so that this one answers (README, Departures).
 * Open to all unless {@code agentry.metrics.role} names the role a scraper needs (the authentication
 * mechanism then asks for credentials).
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsEndpoint extends HttpServlet {

    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter PROMETHEUS_TEXT = PrometheusTextFormatWriter.create();

    @Inject
    OrchestratorMetrics metrics;

    /** The role a scraper needs, when metrics are not open to all ({@code AGENTRY_METRICS_ROLE}). */
    @Inject
    @ConfigProperty(name = "agentry.metrics.role")
    Optional<String> role;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (role.isPresent() && !request.isUserInRole(role.get())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(Problem.MEDIA_TYPE_NAME);
            response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(
                    Problem.of(403, "Forbidden", "Metrics need the role '" + role.get() + "'")));
            return;
        }
        String accept = request.getHeader("Accept");
        ExpositionFormatWriter writer = OPEN_METRICS.accepts(accept) ? OPEN_METRICS : PROMETHEUS_TEXT;
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, metrics.registry().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        }
    }
}
