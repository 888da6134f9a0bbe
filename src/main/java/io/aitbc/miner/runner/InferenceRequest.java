package io.aitbc.miner.runner;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated inference payload: what is sent to Ollama's {@code /api/generate}.
 *
 * @param model the Ollama model name as the client wrote it
 * @param prompt the prompt (never logged above DEBUG)
 * @param system the system prompt, if any
 * @param options Ollama generation options, if any
 */
public record InferenceRequest(String model, String prompt, Optional<String> system, Optional<ObjectNode> options) {

    /** Longest prompt (and system prompt) accepted, in characters: well under the coordinator's 10 MiB body limit. */
    public static final int MAX_PROMPT_CHARS = 1_000_000;

    /** Longest model name accepted, in characters. */
    static final int MAX_MODEL_CHARS = 256;

    /**
     * Checks a job payload.
     *
     * @throws IllegalArgumentException with a message for the client when the payload is not an inference request
     */
    public static InferenceRequest fromPayload(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("inference payload must be a JSON object");
        }
        String model = requiredText(payload, "model", MAX_MODEL_CHARS);
        String prompt = requiredText(payload, "prompt", MAX_PROMPT_CHARS);
        Optional<String> system = optionalText(payload, "system");
        JsonNode options = payload.get("options");
        if (options != null && !options.isNull() && !options.isObject()) {
            throw new IllegalArgumentException("'options' must be a JSON object");
        }
        return new InferenceRequest(model, prompt, system,
                Optional.ofNullable(options).filter(JsonNode::isObject).map(ObjectNode.class::cast));
    }

    /** The streaming {@code /api/generate} body. */
    public ObjectNode toGenerateBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        system.ifPresent(text -> body.put("system", text));
        options.ifPresent(values -> body.set("options", values));
        body.put("stream", true);
        return body;
    }

    private static String requiredText(JsonNode payload, String field, int maxChars) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return checkLength(field, node.asText(), maxChars);
    }

    private static Optional<String> optionalText(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return Optional.of(checkLength(field, node.asText(), MAX_PROMPT_CHARS));
    }

    private static String checkLength(String field, String text, int maxChars) {
        if (text.length() > maxChars) {
            throw new IllegalArgumentException("'" + field + "' is too long: " + text.length()
                    + " characters, at most " + maxChars + " accepted");
        }
        return text;
    }
}
