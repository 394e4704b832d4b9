package io.agentry.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Event stream clients as users would write them with the JDK alone: SSE and NDJSON over
 * {@link HttpClient}, reading line by line, and a WebSocket. Each collects what it receives until
 * the server closes the stream.
 */
final class EventStreamClient {

    /** How long a test waits for a stream to end: one the server never ends fails its test, not the whole build. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Readers block until their stream ends; the common pool may have a single thread. */
    private static final Executor READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-reader");
        thread.setDaemon(true);
        return thread;
    });

    private EventStreamClient() {
    }

    /** One event as received: SSE's {@code id:} and {@code event:} fields (NDJSON has neither), and the JSON. */
    record Received(String id, String name, JsonNode json) {

        long seq() {
            return json.get("seq").asLong();
        }

        String type() {
            return json.get("event_type").asText();
        }
    }

    /** An open stream; {@link #closed()} completes when the server ends it. */
    static final class Connection {
        private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Void> closed = new CompletableFuture<Void>()
                .orTimeout(ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS);
        private volatile int status;
        private volatile String contentType;
        private volatile String body = "";

        List<Received> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        CompletableFuture<Void> closed() {
            return closed;
        }

        int status() {
            return status;
        }

        String contentType() {
            return contentType;
        }

        /** The body of a response that was not a stream (an error). */
        String body() {
            return body;
        }
    }

    /** The admin's credentials, which the streams send unless given others. */
    static final String ADMIN = Api.basic("admin", Api.ADMIN_PASSWORD);

    static Connection sse(URI uri) {
        return sse(uri, ADMIN);
    }

    /** With this Authorization header ({@code null}: none). */
    static Connection sse(URI uri, String authorization) {
        return open(uri, "text/event-stream", authorization, EventStreamClient::readServerSentEvents);
    }

    static Connection ndjson(URI uri) {
        return ndjson(uri, ADMIN);
    }

    static Connection ndjson(URI uri, String authorization) {
        return open(uri, "application/x-ndjson", authorization, EventStreamClient::readJsonLines);
    }

    private interface LineReader {
        void read(Iterator<String> lines, Connection into);
    }

    private static Connection open(URI uri, String accept, String authorization, LineReader reader) {
        Connection connection = new Connection();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", accept).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> {
                    connection.status = response.statusCode();
                    connection.contentType = response.headers().firstValue("Content-Type").orElse(null);
                    try (Stream<String> lines = response.body()) {
                        if (response.statusCode() == 200) {
                            reader.read(lines.iterator(), connection);
                        } else {
                            connection.body = String.join("\n", lines.toList());
                        }
                    }
                    connection.closed.complete(null);
                }, READERS)
                .exceptionally(failure -> {
                    connection.closed.completeExceptionally(failure);
                    return null;
                });
        return connection;
    }

    /** Fields until a blank line make one event; lines starting with ':' are comments. */
    private static void readServerSentEvents(Iterator<String> lines, Connection into) {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    into.received.add(new Received(id, name, json(data.toString())));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                    default -> { }
                }
            }
        }
    }

    private static void readJsonLines(Iterator<String> lines, Connection into) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.isBlank()) {
                into.received.add(new Received(null, null, json(line)));
            }
        }
    }

    /** A WebSocket that collects text frames; {@link #closed()} gives the close code. */
    static final class Socket implements WebSocket.Listener {
        private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Integer> closed = new CompletableFuture<Integer>()
                .orTimeout(ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS);
        private final StringBuilder partial = new StringBuilder();

        static Socket open(URI uri) {
            return open(uri, ADMIN);
        }

        /** With this Authorization header on the handshake ({@code null}: none); fails if the handshake does. */
        static Socket open(URI uri, String authorization) {
            Socket socket = new Socket();
            WebSocket.Builder builder = HTTP.newWebSocketBuilder();
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            builder.buildAsync(uri, socket).join();
            return socket;
        }

        List<Received> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        CompletableFuture<Integer> closed() {
            return closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(new Received(null, null, json(partial.toString())));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
