package io.agentry.sessions.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.platform.control.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepInputsTest {

    private final Map<String, JsonNode> outputs = Map.of(
            "retrieve", Json.read("{\"items\":[{\"title\":\"first\"},{\"title\":\"second\"}],\"count\":2}"),
            "v1.2", Json.read("\"plain text\""));

    @Test
    void aWholeReferenceBecomesTheReferencedValue() {
        JsonNode input = Json.read("{\"docs\":\"${steps.retrieve.output}\",\"n\":\"${steps.retrieve.output/count}\"}");

        JsonNode resolved = StepInputs.resolve(input, outputs);

        assertThat(resolved.get("docs")).isEqualTo(outputs.get("retrieve"));
        assertThat(resolved.get("n").asInt()).isEqualTo(2);
        assertThat(resolved.get("n").isInt()).isTrue();
    }

    @Test
    void aReferenceInsideTextIsReplacedByItsText() {
        JsonNode input = Json.read(
                "[\"Summarise ${steps.retrieve.output/items/1/title} and ${steps.v1.2.output}\", 7, true, null]");

        JsonNode resolved = StepInputs.resolve(input, outputs);

        assertThat(resolved.get(0).asText()).isEqualTo("Summarise second and plain text");
        assertThat(resolved.get(1).asInt()).isEqualTo(7);
        assertThat(resolved.get(3).isNull()).isTrue();
    }

    @Test
    void aMissingPartIsNull() {
        assertThat(StepInputs.resolve(Json.read("\"${steps.retrieve.output/nothing/here}\""), outputs).isNull()).isTrue();
    }

    @Test
    void referencesAreFoundAnywhereInTheInput() {
        JsonNode input = Json.read("{\"a\":[{\"b\":\"x ${steps.one.output} y ${steps.two.output/p}\"}],"
                + "\"c\":\"${steps.one.output}\",\"d\":\"${not.a.reference}\"}");

        assertThat(StepInputs.references(input)).containsExactly("one", "two");
        assertThat(StepInputs.references(Json.read("{\"plain\":1}"))).isEmpty();
    }

    @Test
    void inputWithoutReferencesIsUnchanged() {
        JsonNode input = Json.read("{\"x\":1,\"y\":[\"a\",{\"z\":false}]}");
        assertThat(StepInputs.resolve(input, outputs)).isEqualTo(input);
    }
}
