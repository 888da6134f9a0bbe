package io.aitbc.miner.ollama;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.StreamCall;
import io.aitbc.miner.job.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.parsetools.RecordParser;

/**
 * One streaming {@code /api/generate} call: reads the NDJSON lines until the {@code done} one; connecting, timeouts,
 * cancellation and settling once are {@link StreamCall}'s.
 */
final class GenerateStream extends StreamCall<OllamaAnswer> {

    static final String OOM_TEXT = "requires more system memory";

    private final ObjectMapper mapper;
    private final String model;
    private final StringBuilder output = new StringBuilder();

    GenerateStream(Vertx vertx, ObjectMapper mapper, String model, Duration firstTokenTimeout, Duration idleTimeout) {
        super(vertx, "Ollama", firstTokenTimeout, idleTimeout);
        this.mapper = mapper;
        this.model = model;
    }

    @Override
    protected synchronized void onResponse(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            response.body().onComplete(body -> onErrorStatus(response.statusCode(),
                    body.succeeded() ? body.result().toString() : ""));
            return;
        }
        response.handler(RecordParser.newDelimited("\n", this::onLine));
        response.exceptionHandler(
                error -> fail(ErrorCode.E_RUNNER, "connection to Ollama broke: " + describe(error)));
        response.endHandler(ignored -> fail(ErrorCode.E_RUNNER, "Ollama's stream ended without a done line"));
    }

    private synchronized void onErrorStatus(int status, String body) {
        String error = errorText(body);
        if (error.contains(OOM_TEXT)) {
            fail(ErrorCode.E_OOM, "Ollama cannot load model '" + model + "': " + error);
        } else if (status == 404) {
            fail(ErrorCode.E_MODEL, "model '" + model + "' is not installed in this node's Ollama");
        } else if (status >= 500) {
            fail(ErrorCode.E_RUNNER, "Ollama answered HTTP " + status + ": " + error);
        } else {
            fail(ErrorCode.E_BADJOB, "Ollama refused the request with HTTP " + status + ": " + error);
        }
    }

    private synchronized void onLine(Buffer line) {
        if (settled() || line.length() == 0) {
            return;
        }
        chunkArrived();
        JsonNode chunk;
        try {
            chunk = mapper.readTree(line.getBytes());
        } catch (IOException e) {
            fail(ErrorCode.E_RUNNER, "Ollama sent a line that is not JSON");
            return;
        }
        if (chunk.hasNonNull("error")) {
            String error = cut(chunk.get("error").asText());
            fail(error.contains(OOM_TEXT) ? ErrorCode.E_OOM : ErrorCode.E_RUNNER,
                    "Ollama reported an error mid-stream: " + error);
            return;
        }
        output.append(chunk.path("response").asText(""));
        if (chunk.path("done").asBoolean(false) && chunk.isObject()) {
            complete(new OllamaAnswer(output.toString(), (ObjectNode) chunk, elapsedNanos(),
                    Duration.ofNanos(firstChunkNanos())));
        }
    }

    private String errorText(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return cut(node.get("error").asText());
            }
        } catch (JsonProcessingException e) {
            // not JSON: the raw text below says what went wrong
        }
        return cut(body.strip());
    }
}
