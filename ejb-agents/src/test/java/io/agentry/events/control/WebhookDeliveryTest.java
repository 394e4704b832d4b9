package io.agentry.events.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.agentry.outbound.control.AddressRange;
import io.agentry.outbound.control.OutboundAddresses;
import io.agentry.outbound.control.OutboundRule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One webhook attempt against a local receiver: success ends it, a failure schedules the next
 * attempt with backoff until the attempts are spent.
 */
class WebhookDeliveryTest {

    private record Scheduled(String url, JsonNode body, int attempt, long delayMs) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<String> attemptHeaders = Collections.synchronizedList(new ArrayList<>());
    private final WebhookDelivery delivery = new WebhookDelivery();
    private HttpServer receiver;
    private int answer;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            attemptHeaders.add(exchange.getRequestHeaders().getFirst("X-Agentry-Attempt"));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        delivery.webhooks = new Webhooks() {
            @Override
            public void schedule(String callbackUrl, JsonNode body, int attempt, long delayMs) {
                scheduled.add(new Scheduled(callbackUrl, body, attempt, delayMs));
            }
        };
        delivery.outbound = OutboundAddresses.of(new OutboundRule(List.of(AddressRange.parse("169.254.0.0/16")), true));
        delivery.maxAttempts = 3;
        delivery.backoffMs = 1000;
        delivery.maxBackoffMs = 60_000;
        delivery.timeoutMs = 5000;
        delivery.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void anAcceptedCallIsNotRepeated() {
        answer = 204;
        delivery.deliver(hook(), "{\"status\":\"completed\"}", 1);

        assertThat(attemptHeaders).containsExactly("1");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aFailedCallSchedulesTheNextAttemptWithBackoff() {
        answer = 500;
        delivery.deliver(hook(), "{\"status\":\"completed\"}", 2);

        assertThat(attemptHeaders).containsExactly("2");
        assertThat(scheduled).hasSize(1);
        Scheduled next = scheduled.get(0);
        assertThat(next.url()).isEqualTo(hook());
        assertThat(next.attempt()).isEqualTo(3);
        assertThat(next.body().get("status").asText()).isEqualTo("completed");
        assertThat(next.delayMs()).as("second retry: 2 s with equal jitter").isBetween(1000L, 2000L);
    }

    @Test
    void anUnreachableReceiverIsRetriedToo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        delivery.deliver("http://127.0.0.1:" + closedPort + "/hook", "{}", 1);

        assertThat(scheduled).extracting(Scheduled::attempt).containsExactly(2);
    }

    @Test
    void theLastAttemptIsNotFollowedByAnother() {
        answer = 503;
        delivery.deliver(hook(), "{}", 3);

        assertThat(attemptHeaders).containsExactly("3");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aUrlOnADeniedAddressIsNeitherCalledNorRetried() {
        delivery.deliver("http://169.254.169.254/latest/meta-data", "{}", 1);

        assertThat(scheduled).isEmpty();
        assertThat(attemptHeaders).isEmpty();
    }
}
