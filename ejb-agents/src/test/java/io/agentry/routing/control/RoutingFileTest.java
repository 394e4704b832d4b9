package io.agentry.routing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentry.routing.entity.RuleDefinition;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingFileTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    @TempDir
    Path dir;

    private static List<RuleDefinition> yaml(String text) {
        return RoutingFile.parse("test.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false,
                VALIDATOR);
    }

    @Test
    void theBundledDefaultsRouteEchoAndDiagnosticsToEcho() {
        assertThat(RoutingFile.defaults(VALIDATOR)).containsExactly(
                new RuleDefinition("echo", "echo", null, null),
                new RuleDefinition("diagnostics", "echo", null, null));
    }

    @Test
    void readsTheRulesOfTheDesignsConfigFileAndPassesOverItsOtherSections() {
        List<RuleDefinition> rules = yaml("""
                routing_rules:
                  - pattern: upload_pdf
                    target_agent: content_ingestion_agent
                    timeout: 300
                    priority: 2
                  - pattern: summarise
                    target_agent: echo
                load_balancing: {strategy: round_robin, health_check_interval: 30}
                error_recovery: {max_retries: 3, retry_delay: 1, backoff_multiplier: 2, circuit_breaker_threshold: 5}
                rate_limiting: {default_rate: 100, burst_size: 20}
                """);

        assertThat(rules).containsExactly(
                new RuleDefinition("upload_pdf", "content_ingestion_agent", 300, 2),
                new RuleDefinition("summarise", "echo", null, null));
    }

    @Test
    void aFileNamedJsonIsReadAsJson() throws IOException {
        Path file = dir.resolve("routes.json");
        Files.writeString(file, "{\"routing_rules\": [{\"pattern\": \"p\", \"target_agent\": \"echo\", \"priority\": 5}]}");

        assertThat(RoutingFile.read(file, VALIDATOR)).containsExactly(new RuleDefinition("p", "echo", null, 5));
    }

    @Test
    void anEmptyListIsNoRules() {
        assertThat(yaml("routing_rules: []\n")).isEmpty();
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWithItsNameAndTheLine() {
        assertThatThrownBy(() -> yaml("routing_rules:\n  - pattern: 'unclosed\n    target_agent: echo\n"))
                .isInstanceOf(InvalidRoutingFileException.class)
                .hasMessageStartingWith("Routing file test.yaml: is not valid YAML at line");
    }

    @Test
    void brokenJsonIsRefusedAsJson() throws IOException {
        Path file = dir.resolve("routes.json");
        Files.writeString(file, "{\"routing_rules\": [");

        assertThatThrownBy(() -> RoutingFile.read(file, VALIDATOR))
                .hasMessageStartingWith("Routing file " + file + ": is not valid JSON");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> RoutingFile.read(file, VALIDATOR))
                .isInstanceOf(InvalidRoutingFileException.class)
                .hasMessageContaining("Routing file " + file + ": cannot be read");
    }

    @Test
    void aFileWithoutRoutingRulesIsRefused() {
        assertThatThrownBy(() -> yaml("load_balancing: {strategy: round_robin}\n"))
                .hasMessage("Routing file test.yaml: has no 'routing_rules' list");
        assertThatThrownBy(() -> yaml(""))
                .hasMessageStartingWith("Routing file test.yaml: must be a mapping with a 'routing_rules' list");
        assertThatThrownBy(() -> yaml("- pattern: p\n"))
                .hasMessageStartingWith("Routing file test.yaml: must be a mapping with a 'routing_rules' list");
    }

    @Test
    void aMisspeltFieldOfARuleIsRefusedNotIgnored() {
        assertThatThrownBy(() -> yaml("routing_rules:\n  - pattern: p\n    targetagent: echo\n"))
                .hasMessageStartingWith("Routing file test.yaml: has an unknown field 'routing_rules[0].targetagent'");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> yaml("routing_rules:\n  - {pattern: p, target_agent: echo, timeout: soon}\n"))
                .hasMessageStartingWith("Routing file test.yaml: routing_rules[0].timeout has the wrong type or format");
        assertThatThrownBy(() -> yaml("routing_rules:\n  - {pattern: p, target_agent: echo, priority: 2.5}\n"))
                .hasMessageStartingWith("Routing file test.yaml: routing_rules[0].priority has the wrong type or format");
    }

    @Test
    void everyRuleBreakingTheLimitsIsListed() {
        assertThatThrownBy(() -> yaml("""
                routing_rules:
                  - {pattern: ok, target_agent: echo}
                  - {pattern: p, target_agent: echo, priority: 6, timeout: 0}
                  - {pattern: "bad pattern", target_agent: echo}
                  - {pattern: q}
                  -
                """))
                .isInstanceOf(InvalidRoutingFileException.class)
                .hasMessage("Routing file test.yaml: "
                        + "routing_rules[1].priority must be less than or equal to 5; "
                        + "routing_rules[1].timeout must be greater than or equal to 1; "
                        + "routing_rules[2].pattern must be letters, digits, '_', '.', ':' or '-'; "
                        + "routing_rules[3].target_agent must not be null; "
                        + "routing_rules[4] is empty");
    }

    @Test
    void aPatternMayHaveOneRule() {
        assertThatThrownBy(() -> yaml("routing_rules:\n  - {pattern: p, target_agent: echo}\n"
                + "  - {pattern: p, target_agent: other}\n"))
                .hasMessage("Routing file test.yaml: routing_rules[1] repeats pattern 'p'");
    }
}
