package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication, roles and isolation on one server configured to accept bearer tokens signed by a
 * key pair made here: 401 without credentials, 403 for the wrong role, another user's task,
 * session and streams as if they did not exist, JWTs with their groups as roles, the login page.
 */
class SecurityIT {

    private static final String ISSUER = "https://issuer.example";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KeyPair trusted;
    private static AgentryProcess server;
    private static Api admin;
    private static Api alice;
    private static Api bob;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        trusted = rsaKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(trusted.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        server = AgentryProcess.embedded("h2-security", Map.of(
                "MP_JWT_VERIFY_PUBLICKEY", pem,
                "MP_JWT_VERIFY_ISSUER", ISSUER)).start();
        admin = server.api();
        alice = admin.createUser("alice", "alice-password", "user");
        bob = admin.createUser("bob", "bob-password", "user");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithWwwAuthenticateAsProblemJson() {
        for (String path : List.of("tasks", "tasks/counts", "sessions", "agents", "users/me")) {
            Api.Reply reply = admin.anonymous().get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("status").asInt()).isEqualTo(401);
            assertThat(reply.headers().get("www-authenticate")).anyMatch(h -> h.startsWith("Basic"))
                    .anyMatch(h -> h.startsWith("Bearer"));
        }
        Api.Reply fromAPagesScript = admin.anonymous().request("GET", "tasks", HttpRequest.BodyPublishers.noBody(),
                Map.of("Sec-Fetch-Mode", "cors"));
        assertThat(fromAPagesScript.status()).isEqualTo(401);
        assertThat(fromAPagesScript.headers().get("www-authenticate")).as("no browser password dialog")
                .noneMatch(h -> h.startsWith("Basic")).anyMatch(h -> h.startsWith("Bearer"));
        long before = admin.totalTasks();
        assertThat(admin.as("alice", "wrong-password").get("tasks").status()).isEqualTo(401);
        assertThat(admin.anonymous().post("tasks", Map.of("agent", "echo")).status()).isEqualTo(401);
        assertThat(admin.totalTasks()).isEqualTo(before);
    }

    @Test
    void probesAndTheApiDocumentationNeedNoCredentials() {
        Api root = new Api(URI.create(server.baseUri())).anonymous();
        for (String path : List.of("health", "health/ready", "metrics", "openapi", "api-docs/", "login")) {
            assertThat(root.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theWrongRoleAnswers403AsProblemJson() {
        for (String path : List.of("stats", "queues", "dead-letters", "users")) {
            Api.Reply reply = alice.get(path);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(alice.post("maintenance/cleanup", Map.of("older_than_days", 30)).status()).isEqualTo(403);
        assertThat(alice.post("agents/echo/pause", "").status()).isEqualTo(403);
        assertThat(alice.put("routes/mine", Map.of("target_agent", "echo")).status()).isEqualTo(403);
        assertThat(alice.post("users", Map.of("username", "eve", "password", "eve-password", "roles", List.of("admin")))
                .status()).isEqualTo(403);
        assertThat(alice.get("agents").status()).isEqualTo(200);

        Api operator = admin.createUser("olga", "olga-password", "operator");
        assertThat(operator.get("stats").status()).isEqualTo(200);
        assertThat(operator.get("users").status()).isEqualTo(403);
        assertThat(operator.get("users/me").json().get("roles")).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("user", "operator");
    }

    @Test
    void anotherUsersTaskSessionAndStreamsAreNotFound() {
        String task = alice.submit(Map.of("agent", "echo", "payload", Map.of("x", 1)));
        String session = alice.post("sessions", Map.of("steps", List.of(
                Map.of("id", "one", "agent", "echo", "input", Map.of("y", 2)),
                Map.of("id", "two", "agent", "echo", "dependencies", List.of("one"))))).json()
                .get("session_id").asText();
        alice.awaitStatus(task, "completed", PATIENCE);

        for (String path : List.of("tasks/" + task, "tasks/" + task + "/events", "sessions/" + session,
                "sessions/" + session + "/events", "sessions/" + session + "/trace",
                "sessions/" + session + "/messages")) {
            assertThat(bob.get(path).status()).as(path).isEqualTo(404);
            assertThat(alice.get(path).status()).as(path).isEqualTo(200);
            assertThat(admin.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(bob.post("tasks/" + task + "/retry", "").status()).isEqualTo(404);
        assertThat(bob.delete("tasks/" + task).status()).isEqualTo(404);
        assertThat(bob.post("sessions/" + session + "/cancel", "").status()).isEqualTo(404);
        assertThat(bob.post("tasks/aggregate", Map.of("task_ids", List.of(task))).json().get("unknown"))
                .extracting(n -> n.asText()).containsExactly(task);

        EventStreamClient.Connection sse = EventStreamClient.sse(bob.uri("tasks/" + task + "/events"),
                bob.authorization());
        EventStreamClient.Connection ndjson = EventStreamClient.ndjson(bob.uri("sessions/" + session + "/events"),
                bob.authorization());
        sse.closed().join();
        ndjson.closed().join();
        assertThat(sse.status()).isEqualTo(404);
        assertThat(ndjson.status()).isEqualTo(404);

        URI socket = URI.create(server.baseUri().replaceFirst("^http", "ws") + "ws/sessions/" + session);
        assertThat(EventStreamClient.Socket.open(socket, bob.authorization()).closed().join()).isEqualTo(4404);
        EventStreamClient.Socket own = EventStreamClient.Socket.open(socket, alice.authorization());
        assertThat(own.closed().join()).isEqualTo(1000);
        assertThat(own.received()).isNotEmpty();
        assertThat(catchHandshake(socket)).isInstanceOf(CompletionException.class);

        assertThat(ids(bob.get("tasks").json().get("tasks"))).doesNotContain(task);
        assertThat(ids(alice.get("tasks").json().get("tasks"))).contains(task);
        assertThat(bob.get("sessions").json().get("total").asLong()).isZero();
        assertThat(bob.totalTasks()).isZero();
        assertThat(alice.totalTasks()).isEqualTo(3);
        assertThat(admin.get("sessions").json().get("total").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTokenSignedByTheConfiguredKeyIsAcceptedWithItsGroupsAsRoles() throws Exception {
        Api carol = admin.withToken(token(trusted, "carol", List.of("operator"), Instant.now().plusSeconds(300),
                ISSUER));
        Api.Reply me = carol.get("users/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("carol");
        assertThat(carol.get("stats").status()).isEqualTo(200);
        assertThat(carol.get("users").status()).isEqualTo(403);

        Api dave = admin.withToken(token(trusted, "dave", List.of("user"), Instant.now().plusSeconds(300), ISSUER));
        String task = dave.submit(Map.of("agent", "echo", "payload", Map.of()));
        assertThat(dave.get("tasks/" + task).status()).isEqualTo(200);
        assertThat(alice.get("tasks/" + task).status()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenOneFromAnotherKeyOrIssuerAndGarbageAre401() throws Exception {
        String expired = token(trusted, "carol", List.of("admin"), Instant.now().minusSeconds(600), ISSUER);
        String otherKey = token(rsaKeyPair(), "carol", List.of("admin"), Instant.now().plusSeconds(300), ISSUER);
        String otherIssuer = token(trusted, "carol", List.of("admin"), Instant.now().plusSeconds(300), "https://x");
        for (String token : List.of(expired, otherKey, otherIssuer, "not.a.token")) {
            Api.Reply reply = admin.withToken(token).get("tasks");
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.headers().get("www-authenticate")).anyMatch(h -> h.contains("invalid_token"));
        }
    }

    @Test
    void theLoginPageStartsASessionThatWorksForTheApi() throws Exception {
        admin.createUser("erin", "erin-password", "user");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=erin&password=erin-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");

        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "api/users/me"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"erin\"");

        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUri() + "login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=erin&password=nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }

    @Test
    void aLoginSessionCannotBeUsedByAnotherSitesPageToChangeAnything() throws Exception {
        admin.createUser("gina", "gina-password", "user");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        browser.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=gina&password=gina-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        String task = "{\"agent\":\"echo\",\"payload\":{}}";
        URI tasks = URI.create(server.baseUri() + "api/tasks");
        String self = "http://" + tasks.getAuthority();
        long before = admin.totalTasks();

        HttpResponse<String> forgedByOrigin = browser.send(HttpRequest.newBuilder(tasks)
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forgedByFetchSite = browser.send(HttpRequest.newBuilder(tasks)
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> crossSiteRead = browser.send(HttpRequest.newBuilder(tasks)
                .header("Sec-Fetch-Site", "cross-site").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forgedByOrigin.statusCode()).isEqualTo(403);
        assertThat(forgedByOrigin.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(forgedByFetchSite.statusCode()).isEqualTo(403);
        assertThat(crossSiteRead.statusCode()).isEqualTo(200);
        assertThat(admin.totalTasks()).isEqualTo(before);

        HttpResponse<String> ownPage = browser.send(HttpRequest.newBuilder(tasks)
                .header("Content-Type", "application/json").header("Origin", self).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ownPage.statusCode()).as(ownPage.body()).isEqualTo(202);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndItIsNeverReturned() {
        Api frank = admin.createUser("frank", "frank-password", "user");
        assertThat(frank.put("users/me/password", Map.of("current_password", "wrong-one!", "new_password",
                "frank-new-password")).status()).isEqualTo(400);
        assertThat(frank.put("users/me/password", Map.of("current_password", "frank-password", "new_password",
                "frank-new-password")).status()).isEqualTo(204);
        assertThat(frank.get("users/me").status()).isEqualTo(401);
        assertThat(admin.as("frank", "frank-new-password").get("users/me").status()).isEqualTo(200);
        assertThat(admin.get("users").body()).doesNotContain("frank-new-password").doesNotContain("PBKDF2");
    }

    private static Throwable catchHandshake(URI socket) {
        try {
            EventStreamClient.Socket.open(socket, null);
            return null;
        } catch (CompletionException e) {
            return e;
        }
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode tasks) {
        return java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                .map(t -> t.get("task_id").asText()).toList();
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String token(KeyPair key, String subject, List<String> groups, Instant expires, String issuer)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("upn", subject)
                .claim("groups", groups).issuer(issuer).issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }
}
