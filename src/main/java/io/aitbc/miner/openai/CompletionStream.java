package io.aitbc.miner.openai;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.Generation;
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
 * One streaming {@code POST /v1/completions} call (decisions D40): reads the server-sent events ({@code data:} lines,
 * ending with {@code data: [DONE]}), takes {@code usage} from the last chunk when the server sends it, enforces the
 * first-token and idle timeouts with Vert.x timers, and completes {@link #result()} once. Callbacks run on the event
 * loop, {@link #cancel()} on the job's thread, so every entry point is synchronised.
 */
final class CompletionStream {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final String served;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;
    private final CompletableFuture<Generation> result = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();
    private final long startNanos = System.nanoTime();
    private HttpClientRequest request;
    private long timerId = -1;
    private long firstChunkNanos = -1;
    private long textChunks;
    private JsonNode usage;
    private String finishReason = "stop";

    CompletionStream(Vertx vertx, ObjectMapper mapper, String served, Duration firstTokenTimeout,
            Duration idleTimeout) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.served = served;
        this.firstTokenTimeout = firstTokenTimeout;
        this.idleTimeout = idleTimeout;
        restartTimer(firstTokenTimeout);
    }

    /** Completes with the generation, or exceptionally with an {@link InferenceException}. */
    CompletableFuture<Generation> result() {
        return result;
    }

    /** Sends the body once connected; resets at once when the job was cancelled meanwhile. */
    synchronized void send(AsyncResult<HttpClientRequest> connected, Buffer body) {
        if (connected.failed()) {
            fail(ErrorCode.E_RUNNER,
                    "the OpenAI-compatible server is unreachable: " + ServerErrors.describe(connected.cause()));
            return;
        }
        request = connected.result();
        if (result.isDone()) {
            request.reset();
            return;
        }
        request.response(answer -> {
            if (answer.succeeded()) {
                onResponse(answer.result());
            } else {
                fail(ErrorCode.E_RUNNER, "connection to the server failed: " + ServerErrors.describe(answer.cause()));
            }
        });
        request.end(body);
    }

    /** Stops the call: the request is reset, which closes the stream, so the server stops generating. */
    synchronized void cancel() {
        fail(ErrorCode.E_INTERRUPTED, "job stopped by the agent");
    }

    private synchronized void onResponse(HttpClientResponse response) {
        int status = response.statusCode();
        if (status != 200) {
            response.body().onComplete(body -> {
                InferenceException error = ServerErrors.forStatus(status, body.succeeded() ? body.result().toString()
                        : "", served, mapper);
                fail(error.code(), error.getMessage());
            });
            return;
        }
        response.handler(RecordParser.newDelimited("\n", this::onLine));
        response.exceptionHandler(e -> fail(ErrorCode.E_RUNNER, "the stream broke: " + ServerErrors.describe(e)));
        response.endHandler(ignored -> fail(ErrorCode.E_RUNNER, "the stream ended without data: [DONE]"));
    }

    private synchronized void onLine(Buffer raw) {
        String line = raw.toString().strip();
        if (result.isDone() || !line.startsWith(DATA)) {
            // blank separators, ": keep-alive" comments, event: and id: fields carry no token
            return;
        }
        if (firstChunkNanos < 0) {
            firstChunkNanos = System.nanoTime() - startNanos;
        }
        restartTimer(idleTimeout);
        String data = line.substring(DATA.length()).strip();
        if (data.equals(DONE)) {
            finish();
            return;
        }
        JsonNode chunk;
        try {
            chunk = mapper.readTree(data);
        } catch (IOException e) {
            fail(ErrorCode.E_RUNNER, "the server sent an event that is not JSON");
            return;
        }
        if (chunk.has("error") || "error".equals(chunk.path("object").asText())) {
            InferenceException error = ServerErrors.midStream(chunk);
            fail(error.code(), error.getMessage());
            return;
        }
        String model = chunk.path("model").asText(served);
        if (!model.equals(served)) {
            fail(ErrorCode.E_MODEL, "the server answered with model '" + model + "' instead of '" + served + "'");
            return;
        }
        take(chunk);
    }

    private void take(JsonNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            String text = choice.path("text").asText("");
            if (!text.isEmpty()) {
                output.append(text);
                textChunks++;
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
    }

    private void finish() {
        stopTimer();
        long elapsed = System.nanoTime() - startNanos;
        long completion = usage != null && usage.has("completion_tokens") ? usage.get("completion_tokens").asLong()
                : textChunks;
        long prompt = usage != null ? usage.path("prompt_tokens").asLong(0) : 0;
        double generatingSeconds = (elapsed - firstChunkNanos) / 1e9;
        double perSecond = generatingSeconds > 0 ? completion / generatingSeconds : 0.0;
        result.complete(new Generation(Backend.OPENAI, output.toString(), served, prompt, completion, finishReason,
                elapsed, Duration.ofNanos(firstChunkNanos), OptionalLong.empty(), perSecond));
    }

    private synchronized void onTimeout() {
        if (firstChunkNanos >= 0) {
            // progress, not wall time, judges a generation (D44): a stream without a token is hung
            fail(ErrorCode.E_TIMEOUT, "stalled after " + idleTimeout.toMillis()
                    + " ms without a token from the OpenAI-compatible server (MINER_INFERENCE_IDLE_TIMEOUT)");
        } else {
            fail(ErrorCode.E_RUNNER, "no answer from the OpenAI-compatible server within "
                    + firstTokenTimeout.toMillis() + " ms (MINER_INFERENCE_FIRST_TOKEN_TIMEOUT)");
        }
    }

    private void fail(ErrorCode code, String message) {
        if (result.isDone()) {
            return;
        }
        stopTimer();
        Log.debugf("OpenAI-compatible generation failed: %s %s", code, message);
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(new InferenceException(code, message));
        if (request != null) {
            request.reset();
        }
    }

    private void restartTimer(Duration delay) {
        stopTimer();
        timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> onTimeout());
    }

    private void stopTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
