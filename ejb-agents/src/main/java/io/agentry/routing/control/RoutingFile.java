package io.agentry.routing.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agentry.platform.control.Json;
import io.agentry.routing.entity.RuleDefinition;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads routing rules from a file in the shape of DESIGN §6's {@code config.yaml}:
 * {@code routing_rules: [{pattern, target_agent, timeout, priority}]}, as YAML or (for a name
 * ending in {@code .json}) JSON. Other top-level sections of that file belong to other settings and
 * are passed over; anything wrong inside the rules is refused with the file and the place named.
 */
public final class RoutingFile {

    /** The rules that apply when no file is configured: {@code echo} and {@code diagnostics} go to {@code echo}. */
    static final String DEFAULTS = "default-routing.yaml";

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private RoutingFile() {
    }

    /** The file's top level: only {@code routing_rules} is read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contents(List<RuleDefinition> routingRules) {
    }

    /** The valid rules of {@code file}. */
    public static List<RuleDefinition> read(Path file, Validator validator) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(source, in, source.toLowerCase(Locale.ROOT).endsWith(".json"), validator);
        } catch (IOException e) {
            throw new InvalidRoutingFileException(source, "cannot be read (" + e + ")", e);
        }
    }

    /** The bundled default rules. */
    public static List<RuleDefinition> defaults(Validator validator) {
        String source = "(bundled) " + DEFAULTS;
        try (InputStream in = RoutingFile.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new InvalidRoutingFileException(source, "is missing from the deployment");
            }
            return parse(source, in, false, validator);
        } catch (IOException e) {
            throw new InvalidRoutingFileException(source, "cannot be read (" + e + ")", e);
        }
    }

    static List<RuleDefinition> parse(String source, InputStream in, boolean json, Validator validator) {
        Contents contents;
        try {
            contents = mapper(json).readValue(in, Contents.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRoutingFileException(source, describe(e, json), e);
        } catch (IOException e) {
            throw new InvalidRoutingFileException(source, "cannot be read (" + e + ")", e);
        }
        if (contents == null || contents.routingRules() == null) {
            throw new InvalidRoutingFileException(source, "has no 'routing_rules' list");
        }
        List<RuleDefinition> rules = contents.routingRules();
        List<String> problems = new ArrayList<>();
        Set<String> patterns = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition rule = rules.get(i);
            String where = "routing_rules[" + i + "]";
            if (rule == null) {
                problems.add(where + " is empty");
                continue;
            }
            problems.addAll(problems(where, validator.validate(rule)));
            if (rule.pattern() != null && !patterns.add(rule.pattern())) {
                problems.add(where + " repeats pattern '" + rule.pattern() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRoutingFileException(source, String.join("; ", problems));
        }
        return List.copyOf(rules);
    }

    private static List<String> problems(String where, Set<ConstraintViolation<RuleDefinition>> violations) {
        return violations.stream()
                .map(v -> where + "." + SNAKE_CASE.translate(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static ObjectMapper mapper(boolean json) {
        var builder = json ? JsonMapper.builder() : YAMLMapper.builder();
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    private static String describe(JsonProcessingException e, boolean json) {
        StreamReadException syntax = Json.causeOf(e, StreamReadException.class);
        if (syntax != null) {
            JsonLocation at = syntax.getLocation();
            return "is not valid " + (json ? "JSON" : "YAML") + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + syntax.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "has an unknown field '" + Json.pathOf(unknown) + "'";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Json.pathOf(mapping) + " has the wrong type or format (" + e.getOriginalMessage() + ")";
        }
        return "must be a mapping with a 'routing_rules' list (" + e.getOriginalMessage() + ")";
    }
}
