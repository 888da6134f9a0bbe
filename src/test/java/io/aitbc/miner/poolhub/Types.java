package io.aitbc.miner.poolhub;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pydantic v2's lax type checks, as the AITBC services' FastAPI models apply them, and FastAPI's 422 detail items
 * ({@code type}, {@code loc}, {@code msg}): an int accepts {@code 1024.0} but not {@code 7.5}, a float any number, a
 * string no number.
 */
final class Types {

    static final Predicate<JsonNode> STRING = JsonNode::isTextual;
    static final Predicate<JsonNode> FLOAT = JsonNode::isNumber;
    static final Predicate<JsonNode> INT = v -> v.isIntegralNumber() || (v.isFloatingPointNumber()
            && v.asDouble() == Math.rint(v.asDouble()));
    static final Predicate<JsonNode> DICT = JsonNode::isObject;
    static final Predicate<JsonNode> STRING_LIST = v -> v.isArray() && v.valueStream().allMatch(JsonNode::isTextual);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Types() {
    }

    static void require(JsonNode body, String field, Predicate<JsonNode> type, List<JsonNode> errors) {
        if (body == null || !body.hasNonNull(field)) {
            errors.add(error("missing", field, "Field required"));
        } else {
            optional(body, List.of(field), type, errors);
        }
    }

    /** A field that may be absent or null, else must have {@code type}. */
    static void optional(JsonNode body, List<String> fields, Predicate<JsonNode> type, List<JsonNode> errors) {
        for (String field : fields) {
            JsonNode value = body == null ? null : body.get(field);
            if (value != null && !value.isNull() && !type.test(value)) {
                errors.add(error(type == INT ? "int_from_float" : "type_error", field, "Input has the wrong type"));
            }
        }
    }

    static ObjectNode error(String type, String field, String message) {
        ObjectNode error = JSON.createObjectNode().put("type", type).put("msg", message);
        error.putArray("loc").add("body").add(field);
        return error;
    }
}
