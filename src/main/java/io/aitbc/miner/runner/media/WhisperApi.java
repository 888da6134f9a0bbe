package io.aitbc.miner.runner.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The two Whisper service APIs a {@code transcribe} job can go to (D38): their routes, form fields and answers. */
public enum WhisperApi {
    /**
     * The shop's aitbc-whisper service ({@code apps/whisper/main.py}, faster-whisper with one fixed model):
     * {@code POST /transcribe} with the fields {@code file}, {@code language}, {@code task}, {@code beam_size}; it
     * answers {@code text, language, duration_seconds, segments, model, …}, errors as FastAPI's {@code detail}.
     * {@code GET /health} says whether its model is loaded.
     */
    AITBC("/transcribe", "/health"),
    /**
     * OpenAI's {@code POST /v1/audio/transcriptions} (faster-whisper-server, speaches, vLLM) with {@code file},
     * {@code model}, {@code language}, {@code prompt} and {@code response_format=verbose_json}; errors as
     * {@code error.message}. {@code GET /v1/models} answers when the server is up.
     */
    OPENAI("/v1/audio/transcriptions", "/v1/models");

    static final int BEAM_SIZE = 5;
    private static final int ERROR_TEXT_MAX = 300;

    private final String path;
    private final String probePath;

    WhisperApi(String path, String probePath) {
        this.path = path;
        this.probePath = probePath;
    }

    /** The transcription route. */
    String path() {
        return path;
    }

    /** The route that shows the service is up. */
    String probePath() {
        return probePath;
    }

    /** The form fields sent before the file, in order. */
    Map<String, String> fields(WhisperRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (this == OPENAI) {
            fields.put("model", request.model());
            request.language().ifPresent(language -> fields.put("language", language));
            request.prompt().ifPresent(prompt -> fields.put("prompt", prompt));
            fields.put("response_format", "verbose_json");
        } else {
            request.language().ifPresent(language -> fields.put("language", language));
            fields.put("task", "transcribe");
            fields.put("beam_size", Integer.toString(BEAM_SIZE));
        }
        return fields;
    }

    /** The transcription in a 200 answer; empty when the answer has no text. */
    Optional<WhisperAnswer> answer(JsonNode body, String requestedModel) {
        if (!body.path("text").isTextual()) {
            return Optional.empty();
        }
        JsonNode duration = body.path(this == OPENAI ? "duration" : "duration_seconds");
        String model = this == AITBC && body.path("model").isTextual() ? body.get("model").asText() : requestedModel;
        return Optional.of(new WhisperAnswer(body.get("text").asText().strip(), model,
                Optional.of(body.path("language")).filter(JsonNode::isTextual).map(JsonNode::asText),
                Optional.of(duration).filter(JsonNode::isNumber).map(JsonNode::asDouble), segments(body)));
    }

    /** What an error answer says: {@code detail} (a string, or the first validation error) or {@code error.message}. */
    String errorText(JsonNode body, String raw) {
        JsonNode detail = body.path("detail");
        String text;
        if (body.path("error").path("message").isTextual()) {
            text = body.get("error").get("message").asText();
        } else if (detail.isTextual()) {
            text = detail.asText();
        } else if (detail.path(0).path("msg").isTextual()) {
            text = detail.get(0).get("msg").asText() + " (" + detail.get(0).path("loc") + ")";
        } else {
            text = raw.strip();
        }
        return text.length() <= ERROR_TEXT_MAX ? text : text.substring(0, ERROR_TEXT_MAX) + "...";
    }

    /** Why a 200 probe answer still means the service cannot transcribe yet, or empty. */
    Optional<String> probeProblem(JsonNode body) {
        return this == AITBC && body.path("ready").isBoolean() && !body.get("ready").asBoolean()
                ? Optional.of("the service has not loaded its model yet")
                : Optional.empty();
    }

    private static Optional<ArrayNode> segments(JsonNode body) {
        if (!body.path("segments").isArray()) {
            return Optional.empty();
        }
        ArrayNode segments = JsonNodeFactory.instance.arrayNode();
        for (JsonNode segment : body.get("segments")) {
            segments.addObject().put("start", segment.path("start").asDouble()).put("end", segment.path("end")
                    .asDouble()).put("text", segment.path("text").asText().strip());
        }
        return Optional.of(segments);
    }
}
