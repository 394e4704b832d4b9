package io.agentry.sessions.control;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References from a step's input to upstream outputs: {@code "${steps.retrieve.output}"} is the
 * whole output of step {@code retrieve}, {@code "${steps.retrieve.output/items/0}"} the part at that
 * JSON pointer. A string that is exactly one reference becomes the referenced JSON value; a
 * reference inside a longer string is replaced by its text.
 */
public final class StepInputs {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{steps\\.([A-Za-z0-9][A-Za-z0-9_.:-]*?)\\.output(/[^}]*)?}");

    private StepInputs() {
    }

    /** The ids of the steps the input refers to. */
    public static Set<String> references(JsonNode input) {
        Set<String> ids = new LinkedHashSet<>();
        collect(input, ids);
        return ids;
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            Matcher m = REFERENCE.matcher(node.asText());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        node.forEach(child -> collect(child, ids));
    }

    /** The input with every reference replaced from {@code outputs} (step id → output). */
    public static JsonNode resolve(JsonNode input, Map<String, JsonNode> outputs) {
        if (input == null) {
            return null;
        }
        if (input.isTextual()) {
            return resolveText(input.asText(), outputs);
        }
        if (input.isObject()) {
            ObjectNode resolved = ((ObjectNode) input).objectNode();
            input.fields().forEachRemaining(e -> resolved.set(e.getKey(), resolve(e.getValue(), outputs)));
            return resolved;
        }
        if (input.isArray()) {
            ArrayNode resolved = ((ArrayNode) input).arrayNode();
            input.forEach(item -> resolved.add(resolve(item, outputs)));
            return resolved;
        }
        return input;
    }

    private static JsonNode resolveText(String text, Map<String, JsonNode> outputs) {
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches()) {
            return lookup(whole, outputs);
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            any = true;
            JsonNode value = lookup(m, outputs);
            m.appendReplacement(resolved, Matcher.quoteReplacement(value.isTextual() ? value.asText() : value.toString()));
        }
        if (!any) {
            return TextNode.valueOf(text);
        }
        m.appendTail(resolved);
        return TextNode.valueOf(resolved.toString());
    }

    private static JsonNode lookup(Matcher reference, Map<String, JsonNode> outputs) {
        JsonNode output = outputs.get(reference.group(1));
        if (output == null) {
            return NullNode.getInstance();
        }
        String pointer = reference.group(2);
        if (pointer == null) {
            return output;
        }
        JsonNode part = output.at(JsonPointer.compile(pointer));
        return part.isMissingNode() ? NullNode.getInstance() : part;
    }
}
