package io.aitbc.miner.sim;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.uploader.CanonicalJson;

/**
 * JSON as the coordinator (FastAPI) writes it: compact, keys in insertion order, non-ASCII as is, numbers printed by
 * Python's rules ({@link PythonNumbers}). Parsing keeps Python's types: integers stay integers of any size, other
 * numbers become doubles.
 */
public final class PythonJson {

    /** The shared mapper; floats parse as doubles like Python's json module. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PythonJson() {
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} when malformed. */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON", e);
        }
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes a tree the way the coordinator answers it. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            var fields = node.properties().iterator();
            while (fields.hasNext()) {
                var field = fields.next();
                writeString(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
                out.append(fields.hasNext() ? "," : "");
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeString(node.asText(), out);
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(PythonNumbers.repr(node.doubleValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            throw new UncheckedIOException(new IOException("cannot write JSON node " + node.getNodeType()));
        }
    }

    /** Python's escaping with {@code ensure_ascii=False}: only quotes, backslashes and control characters. */
    private static void writeString(String s, StringBuilder out) {
        CanonicalJson.writePythonString(s, out, false);
    }
}
