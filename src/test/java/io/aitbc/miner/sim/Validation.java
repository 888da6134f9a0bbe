package io.aitbc.miner.sim;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The coordinator's request validation and its own 422 shape ({@code VALIDATION_ERROR}, {@code details[].field}). */
final class Validation {

    private Validation() {
    }

    /** One failed check: {@code field} like {@code body.capabilities}. */
    record Detail(String field, String message, String code) {
    }

    /**
     * Checks a body call: JSON content type, a parsable object, the required fields with their types.
     *
     * @return the 422 answer, or empty when valid
     */
    static Optional<SimResponse> checkBody(Endpoint endpoint, String contentType, String text) {
        boolean json = contentType != null && contentType.toLowerCase().startsWith("application/json");
        if (!json || text.isBlank()) {
            return Optional.of(error(List.of(new Detail("body", "Field required", "missing"))));
        }
        JsonNode body;
        try {
            body = PythonJson.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.of(error(List.of(new Detail("body", "JSON decode error", "json_invalid"))));
        }
        if (!body.isObject()) {
            return Optional.of(error(List.of(new Detail("body",
                    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"))));
        }
        List<Detail> details = new ArrayList<>();
        switch (endpoint) {
            case REGISTER, CAPABILITIES -> requireObject(body, "capabilities", details);
            case RESULT -> requireObject(body, "result", details);
            case FAIL -> {
                requireString(body, "error_code", details);
                requireString(body, "error_message", details);
            }
            default -> {
            }
        }
        optionalInt(body, endpoint == Endpoint.HEARTBEAT ? "inflight" : "concurrency", details);
        if (endpoint == Endpoint.HEARTBEAT) {
            heartbeatExtras(body, details);
        }
        return details.isEmpty() ? Optional.empty() : Optional.of(error(details));
    }

    /**
     * {@code MinerHeartbeat}: {@code metadata} a dict, {@code architecture} a string, {@code edge_optimized} a bool,
     * {@code network_latency_ms} a number; each may be null or absent.
     */
    private static void heartbeatExtras(JsonNode body, List<Detail> details) {
        check(body, "metadata", JsonNode::isObject, "Input should be a valid dictionary", "dict_type", details);
        check(body, "architecture", JsonNode::isTextual, "Input should be a valid string", "string_type", details);
        check(body, "edge_optimized", JsonNode::isBoolean, "Input should be a valid boolean", "bool_type", details);
        check(body, "network_latency_ms", JsonNode::isNumber, "Input should be a valid number", "float_type", details);
    }

    private static void check(JsonNode body, String field, Predicate<JsonNode> type, String message,
            String code, List<Detail> details) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            details.add(new Detail("body." + field, message, code));
        }
    }

    private static void requireObject(JsonNode body, String field, List<Detail> details) {
        if (!body.has(field)) {
            details.add(new Detail("body." + field, "Field required", "missing"));
        } else if (!body.get(field).isObject()) {
            details.add(new Detail("body." + field, "Input should be a valid dictionary", "dict_type"));
        }
    }

    private static void requireString(JsonNode body, String field, List<Detail> details) {
        if (!body.has(field)) {
            details.add(new Detail("body." + field, "Field required", "missing"));
        } else if (!body.get(field).isTextual()) {
            details.add(new Detail("body." + field, "Input should be a valid string", "string_type"));
        }
    }

    private static void optionalInt(JsonNode body, String field, List<Detail> details) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isIntegralNumber()) {
            details.add(new Detail("body." + field, "Input should be a valid integer", "int_type"));
        }
    }

    /** Parses an integer query parameter, adding a detail when it is not one. */
    static int queryInt(String value, String name, int fallback, List<Detail> details) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            details.add(new Detail("query." + name,
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing"));
            return fallback;
        }
    }

    static SimResponse error(List<Detail> details) {
        ObjectNode root = PythonJson.object();
        ObjectNode error = root.putObject("error");
        error.put("code", "VALIDATION_ERROR");
        error.put("message", "Request validation failed");
        error.put("status", 422);
        ArrayNode list = error.putArray("details");
        details.forEach(d -> list.addObject().put("field", d.field()).put("message", d.message()).put("code",
                d.code()));
        root.put("timestamp", JobViews.isoNaive(LocalDateTime.now(ZoneOffset.UTC)));
        root.putNull("request_id");
        return SimResponse.json(422, PythonJson.write(root));
    }
}
