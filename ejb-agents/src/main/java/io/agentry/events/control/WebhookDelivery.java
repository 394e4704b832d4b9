package io.agentry.events.control;

import io.agentry.outbound.control.OutboundAddresses;
import io.agentry.platform.control.Json;
import io.agentry.tasks.entity.RetryPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes one webhook call: POSTs the body to the callback URL and, when the receiver fails, schedules
 * the next attempt on {@code agentry.webhooks} with backoff ({@code agentry.webhooks.*}), in the
 * caller's transaction, until the attempts are spent.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());
    static final String ATTEMPT_HEADER = "X-Agentry-Attempt";

    @Inject
    Webhooks webhooks;

    @Inject
    OutboundAddresses outbound;

    @Inject
    @ConfigProperty(name = "agentry.webhooks.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "agentry.webhooks.backoff-ms", defaultValue = "1000")
    long backoffMs;

    @Inject
    @ConfigProperty(name = "agentry.webhooks.max-backoff-ms", defaultValue = "60000")
    long maxBackoffMs;

    @Inject
    @ConfigProperty(name = "agentry.webhooks.timeout-ms", defaultValue = "10000")
    long timeoutMs;

    private HttpClient http;
    private RetryPolicy backoff;

    @PostConstruct
    void start() {
        // Redirects are not followed: the call goes to the URL the client gave, nowhere else.
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMs))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        backoff = new RetryPolicy(Math.max(0, maxAttempts - 1), backoffMs, 2.0, maxBackoffMs, true);
    }

    /** Attempt number {@code attempt} (from 1) of POSTing {@code body} to {@code callbackUrl}. */
    public void deliver(String callbackUrl, String body, int attempt) {
        Optional<String> refused = outbound.refusal(callbackUrl);
        if (refused.isPresent()) {
            LOG.warning(() -> "Webhook to " + callbackUrl + " dropped: the URL " + refused.get());
            return;
        }
        String failure = post(callbackUrl, body, attempt);
        if (failure == null) {
            return;
        }
        if (backoff.allowsRetryAfter(attempt - 1)) {
            long delay = backoff.delayBefore(attempt, ThreadLocalRandom.current()::nextDouble).toMillis();
            LOG.fine(() -> "Webhook " + callbackUrl + " attempt " + attempt + " failed (" + failure
                    + "); next in " + delay + " ms");
            webhooks.schedule(callbackUrl, Json.read(body), attempt + 1, delay);
        } else {
            LOG.warning(() -> "Webhook " + callbackUrl + " failed " + attempt + " times, giving up; last: "
                    + failure + "; body: " + body);
        }
    }

    /** {@code null} when the receiver took the call, else what went wrong. */
    private String post(String callbackUrl, String body, int attempt) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl))
                    .timeout(Duration.ofMillis(timeoutMs))
                    .header("Content-Type", "application/json")
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
