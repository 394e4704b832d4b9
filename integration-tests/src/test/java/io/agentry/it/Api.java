package io.agentry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client of the REST API, as any user would write one. It authenticates as the
 * server's admin unless made to act as someone else ({@link #as}, {@link #withToken},
 * {@link #anonymous}).
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** The admin password every test server is started with (AGENTRY_ADMIN_PASSWORD). */
    public static final String ADMIN_PASSWORD = "it-admin-password";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final HttpClient http;
    /** The Authorization header's value, or {@code null} for none. */
    private final String authorization;

    Api(URI base) {
        this(base, HTTP, basic("admin", ADMIN_PASSWORD));
    }

    private Api(URI base, HttpClient http, String authorization) {
        this.base = base;
        this.http = http;
        this.authorization = authorization;
    }

    /** The same server, as another user (HTTP Basic). */
    public Api as(String username, String password) {
        return new Api(base, http, basic(username, password));
    }

    /** The same server, with a bearer token. */
    public Api withToken(String token) {
        return new Api(base, http, "Bearer " + token);
    }

    /** The same server, without credentials. */
    public Api anonymous() {
        return new Api(base, http, null);
    }

    /**
     * The same API over HTTP/1.1 only. Over HTTP/2 (h2c, which this client upgrades to by default) a
     * request body that the server answers without reading stalls in flow control until the client's
     * timeout: the JDK client reads no answer before it has sent the whole body.
     */
    public Api overHttp11() {
        return new Api(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), authorization);
    }

    /** The Authorization header this client sends, or {@code null}: for stream and WebSocket clients. */
    public String authorization() {
        return authorization;
    }

    public static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Creates a user with the roles (as this client, an admin) and returns a client acting as them. */
    public Api createUser(String username, String password, String... roles) {
        Reply reply = post("users", Map.of("username", username, "password", password, "roles", List.of(roles)));
        if (reply.status() != 201) {
            throw new AssertionError("POST users answered " + reply.status() + ": " + reply.body());
        }
        return as(username, password);
    }

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    public record Reply(int status, String contentType, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A GET that asks for the given media type. */
    public Reply get(String path, String accept) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET());
    }

    /** The absolute URI of an API path, for clients of its streams. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    public Reply post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Reply post(String path, String body, String contentType) {
        return post(path, body, contentType == null ? Map.of() : Map.of("Content-Type", contentType));
    }

    /** A POST with the given headers, as they are. */
    public Reply post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply put(String path, Object json) {
        try {
            return put(path, JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply post(String path, Object json) {
        try {
            return post(path, JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any request as it is, well-formed or not: method, body ({@code null}: none) and headers. */
    public Reply request(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(request::header);
        return send(request);
    }

    /** Submits a task and returns its id; fails unless the server accepted it. */
    public String submit(Map<String, Object> task) {
        Reply reply = post("tasks", task);
        if (reply.status() != 202) {
            throw new AssertionError("submit answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("task_id").asText();
    }

    public JsonNode task(String id) {
        Reply reply = get("tasks/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("GET task answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** Waits, polling, until the task has the status; fails when it has not within the bound. */
    public void awaitStatus(String id, String status, Duration within) {
        org.awaitility.Awaitility.await("task " + id + " " + status).atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status(id), status::equals);
    }

    public String status(String id) {
        return task(id).get("status").asText();
    }

    /** Submits tasks through {@code POST /api/tasks/batch}. */
    public Reply submitBatch(java.util.List<?> tasks) {
        return post("tasks/batch", Map.of("tasks", tasks));
    }

    /** The number of tasks the server has stored, in any status. */
    public long totalTasks() {
        Reply reply = get("tasks/counts");
        if (reply.status() != 200) {
            throw new AssertionError("GET counts answered " + reply.status() + ": " + reply.body());
        }
        long total = 0;
        for (JsonNode count : reply.json()) {
            total += count.asLong();
        }
        return total;
    }

    public JsonNode events(String id) {
        return get("tasks/" + id + "/events").json();
    }

    private Reply send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
