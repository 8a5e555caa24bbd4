package dev.cutover.aws.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.step.StepFailedException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * A flat JSON object such as Zappa's {@code remote_env}: names to values. Its content may be
 * secret, so a parse failure is reported by where it happened, never by what was read.
 */
final class FlatJsonObject {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode entries;

    private FlatJsonObject(ObjectNode entries) {
        this.entries = entries;
    }

    static FlatJsonObject empty() {
        return new FlatJsonObject(JSON.createObjectNode());
    }

    /** @param where names the object in a failure, e.g. {@code s3://bucket/key} */
    static FlatJsonObject parse(String where, byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it choked on: only the location goes on
            throw new StepFailedException(where + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "); a flat JSON object is expected");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + where, e);
        }
        if (tree == null || tree.isMissingNode()) {
            return empty();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new StepFailedException(where + " holds a JSON " + typeOf(tree)
                    + ", not the flat JSON object expected");
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getValue().isContainerNode()) {
                throw new StepFailedException(where + " is not a flat JSON object: '" + entry.getKey() + "' holds a JSON "
                        + typeOf(entry.getValue()));
            }
        }
        return new FlatJsonObject(object);
    }

    /** Sets the entries; true when any of them was missing or held another value. */
    boolean merge(Map<String, String> changes) {
        boolean changed = false;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (change.getValue() == null) {
                throw new IllegalArgumentException("entry '" + change.getKey() + "' needs a value");
            }
            JsonNode current = entries.get(change.getKey());
            if (current == null || !current.isTextual() || !current.textValue().equals(change.getValue())) {
                entries.put(change.getKey(), change.getValue());
                changed = true;
            }
        }
        return changed;
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    byte[] toBytes() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a flat JSON object", e);
        }
    }
}
