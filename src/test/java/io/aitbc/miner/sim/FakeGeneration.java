package io.aitbc.miner.sim;

import java.time.Duration;
import java.time.Instant;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One streamed generation of the {@link FakeOllama}: {@code tokens} chunks (fewer when the request's
 * {@code num_predict} says so) and the done line, timed with Vert.x timers so that the done line goes out
 * {@code generationTime} after the request arrived.
 */
final class FakeGeneration {

    private static final String[] WORDS = { "The", "sky", "is", "blue", "because", "air", "scatters", "short",
            "light", "waves", "more", "than", "long", "ones." };

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final String model;
    private final int promptLength;
    private final Integer numCtx;
    private final FakeOllamaOptions.Fault fault;
    private final int tokens;
    private final String doneReason;
    private final long generationNanos;
    private final long loadNanos;
    private final long startNanos = System.nanoTime();
    private int emitted;
    private long timerId = -1;
    private boolean closed;

    FakeGeneration(Vertx vertx, HttpServerResponse response, String model, int promptLength, JsonObject request,
            FakeOllamaOptions options) {
        this.numCtx = request.getInteger("num_ctx");
        this.vertx = vertx;
        this.response = response;
        this.model = model;
        this.promptLength = promptLength;
        this.fault = options.fault();
        int limit = request.getInteger("num_predict", -1);
        this.tokens = limit > 0 ? Math.min(limit, options.tokens()) : options.tokens();
        this.doneReason = tokens < options.tokens() ? "length" : "stop";
        this.generationNanos = options.generationTime().toNanos();
        this.loadNanos = Math.min(options.loadDuration().toNanos(), generationNanos / 2);
    }

    /** The text {@code tokens} chunks spell out. */
    static String text(int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(chunkText(i));
        }
        return text.toString();
    }

    /** Starts streaming; {@code onAbort} runs when the client goes away before the stream ended. */
    void start(Runnable onAbort) {
        response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        response.closeHandler(ignored -> {
            vertx.cancelTimer(timerId);
            if (!closed) {
                closed = true;
                onAbort.run();
            }
        });
        scheduleNext();
    }

    private void scheduleNext() {
        long due = generationNanos * (emitted + 1) / (tokens + 1);
        // rounded up: the done line must never go out before the configured generation time
        long delayMs = Math.ceilDiv(due - (System.nanoTime() - startNanos), 1_000_000L);
        if (delayMs <= 0 && !response.writeQueueFull()) {
            vertx.runOnContext(ignored -> emit());
        } else if (delayMs <= 0) {
            response.drainHandler(ignored -> emit());
        } else {
            timerId = vertx.setTimer(delayMs, id -> emit());
        }
    }

    private void emit() {
        if (closed) {
            return;
        }
        boolean halfway = emitted == tokens / 2;
        if (halfway && fault == FakeOllamaOptions.Fault.STALL) {
            return;
        }
        if (halfway && fault == FakeOllamaOptions.Fault.ERROR_LINE) {
            writeLine(new JsonObject().put("error", "an error was encountered while running the model: unexpected EOF"));
            finish();
        } else if (emitted < tokens) {
            writeLine(chunk(chunkText(emitted), false));
            emitted++;
            scheduleNext();
        } else if (fault == FakeOllamaOptions.Fault.NO_DONE) {
            finish();
        } else {
            writeLine(doneLine());
            finish();
        }
    }

    private void finish() {
        closed = true;
        response.end();
    }

    private JsonObject chunk(String text, boolean done) {
        return new JsonObject().put("model", model).put("created_at", Instant.now().toString())
                .put("response", text).put("done", done);
    }

    private JsonObject doneLine() {
        long total = System.nanoTime() - startNanos;
        long promptEval = Math.min(Duration.ofMillis(5).toNanos(), generationNanos / 10);
        return chunk("", true).put("done_reason", doneReason).put("context", new JsonArray().add(128006).add(882).add(271))
                .put("total_duration", total).put("load_duration", loadNanos)
                .put("prompt_eval_count", promptTokens()).put("prompt_eval_duration", promptEval)
                .put("eval_count", tokens).put("eval_duration", Math.max(1, generationNanos - loadNanos - promptEval));
    }

    /** A quarter of the prompt's characters, cut to {@code num_ctx} as Ollama truncates an overlong prompt. */
    private int promptTokens() {
        int tokens = Math.max(1, promptLength / 4);
        return numCtx == null ? tokens : Math.min(tokens, numCtx);
    }

    private void writeLine(JsonObject line) {
        response.write(line.encode() + "\n");
    }

    /** The text of chunk {@code index}: a word, after a space unless it is the first. */
    static String chunkText(int index) {
        return (index == 0 ? "" : " ") + WORDS[index % WORDS.length];
    }
}
