package io.aitbc.miner.runner;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.GenerationRequest;

/**
 * A validated inference payload (decisions D14, D41): allocation options are refused, since they are the operator's.
 *
 * @param model the model name as the client wrote it
 * @param prompt the prompt (never logged above DEBUG)
 * @param system the system prompt, if any
 * @param options generation options in Ollama's vocabulary, if any
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
        if (options != null && options.isObject()) {
            for (String allocation : GenerationRequest.ALLOCATION_OPTIONS) {
                if (options.has(allocation)) {
                    throw new IllegalArgumentException("'options." + allocation + "' is set by the node's operator,"
                            + " never by a job (it would reload the model)");
                }
            }
        }
        return new InferenceRequest(model, prompt, system,
                Optional.ofNullable(options).filter(JsonNode::isObject).map(ObjectNode.class::cast));
    }

    /** The generation to run, with the stream timeouts. */
    public GenerationRequest toGeneration(Duration firstTokenTimeout, Duration idleTimeout) {
        return new GenerationRequest(model, prompt, system,
                options.orElseGet(JsonNodeFactory.instance::objectNode), firstTokenTimeout, idleTimeout);
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
