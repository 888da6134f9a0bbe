package io.aitbc.miner.ollama;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.job.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.parsetools.RecordParser;

/**
 * One streaming {@code /api/generate} call: reads the NDJSON lines, enforces the first-token and idle timeouts with
 * Vert.x timers and completes {@link #result()} once. Callbacks run on the event loop, {@link #cancel()} on the job's
 * thread, so every entry point is synchronised.
 */
final class GenerateStream {

    static final String OOM_TEXT = "requires more system memory";
    private static final int ERROR_TEXT_MAX = 300;

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final String model;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;
    private final CompletableFuture<OllamaAnswer> result = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();
    private final long startNanos = System.nanoTime();
    private HttpClientRequest request;
    private long timerId = -1;
    /** When the first chunk arrived, in nanoseconds after the request; -1 until then. */
    private long firstChunkNanos = -1;

    GenerateStream(Vertx vertx, ObjectMapper mapper, String model, Duration firstTokenTimeout, Duration idleTimeout) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.model = model;
        this.firstTokenTimeout = firstTokenTimeout;
        this.idleTimeout = idleTimeout;
        armTimer(firstTokenTimeout);
    }

    /** Completes with the generation, or exceptionally with an {@link InferenceException}. */
    CompletableFuture<OllamaAnswer> result() {
        return result;
    }

    /** Sends the body once the connection is there; resets at once when the job was cancelled meanwhile. */
    synchronized void send(AsyncResult<HttpClientRequest> connected, Buffer body) {
        if (connected.failed()) {
            fail(ErrorCode.E_RUNNER, "Ollama is unreachable: " + describe(connected.cause()));
            return;
        }
        request = connected.result();
        if (result.isDone()) {
            request.reset();
            return;
        }
        request.response(response -> {
            if (response.succeeded()) {
                onResponse(response.result());
            } else {
                fail(ErrorCode.E_RUNNER, "connection to Ollama failed: " + describe(response.cause()));
            }
        });
        request.end(body);
    }

    /** Stops the call: the HTTP request is reset so Ollama stops generating. */
    synchronized void cancel() {
        fail(ErrorCode.E_INTERRUPTED, "job stopped by the agent");
    }

    private synchronized void onResponse(HttpClientResponse response) {
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
        if (result.isDone() || line.length() == 0) {
            return;
        }
        if (firstChunkNanos < 0) {
            firstChunkNanos = System.nanoTime() - startNanos;
        }
        armTimer(idleTimeout);
        JsonNode chunk;
        try {
            chunk = mapper.readTree(line.getBytes());
        } catch (IOException e) {
            fail(ErrorCode.E_RUNNER, "Ollama sent a line that is not JSON");
            return;
        }
        if (chunk.hasNonNull("error")) {
            String error = truncate(chunk.get("error").asText());
            fail(error.contains(OOM_TEXT) ? ErrorCode.E_OOM : ErrorCode.E_RUNNER,
                    "Ollama reported an error mid-stream: " + error);
            return;
        }
        output.append(chunk.path("response").asText(""));
        if (chunk.path("done").asBoolean(false) && chunk.isObject()) {
            cancelTimer();
            result.complete(new OllamaAnswer(output.toString(), (ObjectNode) chunk, System.nanoTime() - startNanos,
                    Duration.ofNanos(firstChunkNanos)));
        }
    }

    private synchronized void onTimeout() {
        if (firstChunkNanos >= 0) {
            // progress, not wall time, judges a generation (D44): a stream without a token is hung
            fail(ErrorCode.E_TIMEOUT, "stalled after " + idleTimeout.toMillis()
                    + " ms without a token from Ollama (MINER_INFERENCE_IDLE_TIMEOUT)");
        } else {
            fail(ErrorCode.E_RUNNER, "no answer from Ollama within " + firstTokenTimeout.toMillis()
                    + " ms (MINER_INFERENCE_FIRST_TOKEN_TIMEOUT)");
        }
    }

    private void fail(ErrorCode code, String message) {
        if (result.isDone()) {
            return;
        }
        cancelTimer();
        Log.debugf("Ollama generation failed: %s %s", code, message);
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(new InferenceException(code, message));
        if (request != null) {
            request.reset();
        }
    }

    private void armTimer(Duration delay) {
        cancelTimer();
        timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> onTimeout());
    }

    private void cancelTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private String errorText(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return truncate(node.get("error").asText());
            }
        } catch (JsonProcessingException e) {
            // not JSON: the raw text below says what went wrong
        }
        return truncate(body.strip());
    }

    private static String truncate(String text) {
        return text.length() <= ERROR_TEXT_MAX ? text : text.substring(0, ERROR_TEXT_MAX) + "...";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }
}
