package io.agentry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API documents itself: {@code /openapi} (YAML and JSON) passes an OpenAPI linter, holds every
 * JAX-RS endpoint of the code with snake_case schemas and problem+json errors, and {@code /api-docs}
 * shows it in Swagger UI.
 */
class OpenApiIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\"");
    private static final Path WORK = Path.of(System.getProperty("agentry.it.work", "target/it")).resolve("openapi-lint");

    private static AgentryProcess server;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = AgentryProcess.embedded("openapi", Map.of());
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theDocumentIsValidOpenApiInYamlAndJson() throws Exception {
        HttpResponse<String> yaml = get("openapi", "*/*");
        HttpResponse<String> json = get("openapi", "application/json");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(YAML.readTree(yaml.body())).as("YAML and JSON are the same document").isEqualTo(Api.JSON.readTree(json.body()));
        assertThat(get("openapi?format=JSON", "*/*").body()).isEqualTo(json.body());

        Files.createDirectories(WORK);
        Path yamlFile = Files.writeString(WORK.resolve("openapi.yaml"), yaml.body());
        Path jsonFile = Files.writeString(WORK.resolve("openapi.json"), json.body());
        OpenApiLint.installedIn(WORK.resolve("redocly")).lint(resource("redocly.yaml"), yamlFile, jsonFile);
    }

    @Test
    void everyJaxRsEndpointOfTheCodeIsDocumented() {
        Path war = Path.of(System.getProperty("agentry.launcher", "../server-config/target/agentry.jar"))
                .resolveSibling("agentry.war");
        Set<String> inCode = JaxRsEndpoints.of(war);
        assertThat(inCode).as("the scan finds the endpoints").contains("POST /api/tasks", "GET /api/tasks/{id}",
                "GET /api/sessions/{id}/events");

        assertThat(operations(document())).containsAll(inCode);
    }

    @Test
    void schemasUseTheJsonFieldNamesAndErrorsAreProblems() {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");
        Set<String> fields = new TreeSet<>();
        schemas.forEach(schema -> schema.path("properties").fieldNames().forEachRemaining(fields::add));
        assertThat(fields).isNotEmpty().allMatch(name -> name.matches("[a-z0-9_]+"), "snake_case");
        assertThat(names(schemas.path("TaskRequest").path("properties"))).contains("callback_url", "retry_policy");
        assertThat(names(schemas.path("Problem").path("properties"))).contains("status", "title", "detail", "errors");

        JsonNode submit = document.path("paths").path("/api/tasks").path("post").path("responses");
        assertThat(names(submit)).contains("202", "400", "422", "503");
        JsonNode badRequest = resolve(document, submit.path("400"));
        assertThat(badRequest.path("content").path("application/problem+json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode cancel = document.path("paths").path("/api/tasks/{id}/cancel").path("post").path("responses");
        assertThat(names(cancel)).contains("200", "404", "409");
    }

    @Test
    void apiDocsServesSwaggerUiForTheDocument() {
        HttpResponse<String> page = get("api-docs", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle").contains("\"/openapi\"");
        Matcher scripts = SCRIPT.matcher(page.body());
        int found = 0;
        while (scripts.find()) {
            HttpResponse<String> script = get(scripts.group(1).substring(1), "*/*");
            assertThat(script.statusCode()).as(scripts.group(1)).isEqualTo(200);
            assertThat(script.body()).contains("SwaggerUIBundle");
            found++;
        }
        assertThat(found).as("Swagger UI's script").isEqualTo(1);
    }

    private static JsonNode document() {
        try {
            return Api.JSON.readTree(get("openapi", "application/json").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "GET /api/tasks"} for each operation of the document. */
    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(field -> {
                if (HTTP_METHODS.contains(field)) {
                    operations.add(field.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText(null);
        return ref == null ? node : document.at(ref.substring(1));
    }

    private static HttpResponse<String> get(String path, String accept) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Accept", accept)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(OpenApiIT.class.getResource("/" + name).toURI());
    }
}
