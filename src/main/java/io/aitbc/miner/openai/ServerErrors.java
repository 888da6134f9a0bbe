package io.aitbc.miner.openai;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.StreamCall;
import io.aitbc.miner.job.ErrorCode;

/**
 * What an OpenAI-compatible server's error answers mean for the job (decisions D40). Bodies come in vLLM's two shapes
 * ({@code {"object":"error","message":…}} and {@code {"error":{"message":…}}}), TGI's ({@code {"error":"…"}}) or as
 * plain text; messages are cut short and never hold the prompt.
 */
final class ServerErrors {

    private ServerErrors() {
    }

    /** The failure an HTTP error status means: 404 {@code E_MODEL}, other 4xx {@code E_BADJOB}, else {@code E_RUNNER}. */
    static InferenceException forStatus(int status, String body, String served, ObjectMapper mapper) {
        String message = message(body, mapper);
        if (status == 404) {
            return new InferenceException(ErrorCode.E_MODEL, "model '" + served + "' is not served: " + message);
        }
        if (status == 401 || status == 403) {
            return new InferenceException(ErrorCode.E_RUNNER, "the server refused the API key (HTTP " + status
                    + ", MINER_OPENAI_API_KEY_FILE): " + message);
        }
        if (status == 429 || status >= 500 || status < 400) {
            return new InferenceException(ErrorCode.E_RUNNER, "the server answered HTTP " + status + ": " + message);
        }
        return new InferenceException(ErrorCode.E_BADJOB, contextOverflow(message) ? "prompt longer than the model's"
                + " context: " + message : "the server refused the request with HTTP " + status + ": " + message);
    }

    /** The failure an error event in the stream means: {@code E_RUNNER}, or {@code E_BADJOB} for a context overflow. */
    static InferenceException midStream(JsonNode chunk) {
        String message = message(chunk);
        return contextOverflow(message)
                ? new InferenceException(ErrorCode.E_BADJOB, "prompt longer than the model's context: " + message)
                : new InferenceException(ErrorCode.E_RUNNER, "the server reported an error mid-stream: " + message);
    }

    private static boolean contextOverflow(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("context length") || lower.contains("context size") || lower.contains("context window");
    }

    private static String message(String body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                return message(node);
            }
        } catch (IOException e) {
            // not JSON: the raw text says what went wrong
        }
        return StreamCall.cut(body.strip());
    }

    private static String message(JsonNode node) {
        JsonNode error = node.path("error");
        if (error.isObject()) {
            return StreamCall.cut(error.path("message").asText(error.toString()));
        }
        if (error.isTextual()) {
            return StreamCall.cut(error.asText());
        }
        return StreamCall.cut(node.path("message").asText(node.path("detail").asText(node.toString())));
    }

}
