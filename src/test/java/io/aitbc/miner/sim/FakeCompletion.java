package io.aitbc.miner.sim;

import java.time.Duration;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One streamed completion of the {@link FakeOpenAi}: {@code count} text chunks spread over the generation time with
 * Vert.x timers (as fast as the client reads at zero latency), the finishing chunk, the usage chunk when asked, then
 * {@code data: [DONE]}.
 */
final class FakeCompletion {
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final String model;
    private final int count;
    private final int configured;
    private final int promptTokens;
    private final boolean withUsage;
    private final FakeOpenAi.Fault streamFault;
    private final long stepMs;
    private int sent;
    private boolean closed;

    FakeCompletion(Vertx vertx, HttpServerResponse response, String model, int count, int configured,
            int promptTokens, boolean withUsage, FakeOpenAi.Fault streamFault, Duration generationTime,
            Runnable onAbort) {
        this.vertx = vertx;
        this.configured = configured;
        this.response = response;
        this.model = model;
        this.count = count;
        this.promptTokens = promptTokens;
        this.withUsage = withUsage;
        this.streamFault = streamFault;
        this.stepMs = generationTime.toMillis() / (count + 1);
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8");
        response.closeHandler(ignored -> {
            if (!closed) {
                closed = true;
                onAbort.run();
            }
        });
    }

    /** The next chunk after its share of the generation time; at zero latency as fast as the client reads. */
    void next() {
        if (stepMs > 0) {
            vertx.setTimer(stepMs, id -> emit());
        } else if (response.writeQueueFull()) {
            response.drainHandler(ignored -> emit());
        } else {
            vertx.runOnContext(ignored -> emit());
        }
    }

    private void emit() {
        if (closed) {
            return;
        }
        if (sent == count / 2 && streamFault == FakeOpenAi.Fault.STALL) {
            return;
        }
        if (sent == count / 2 && streamFault == FakeOpenAi.Fault.CUT) {
            closed = true;
            response.reset();
            return;
        }
        if (sent < count) {
            data(chunk(FakeGeneration.chunkText(sent), null));
            sent++;
            next();
            return;
        }
        data(chunk("", count < configured ? "length" : "stop"));
        if (withUsage) {
            data(base().put("choices", new JsonArray()).put("usage", new JsonObject()
                    .put("prompt_tokens", promptTokens).put("total_tokens", promptTokens + count)
                    .put("completion_tokens", count)));
        }
        response.write("data: [DONE]\n\n");
        closed = true;
        response.end();
    }

    private JsonObject chunk(String text, String finish) {
        JsonObject choice = new JsonObject().put("index", 0).put("text", text).putNull("logprobs")
                .put("finish_reason", finish).putNull("stop_reason");
        return base().put("choices", new JsonArray().add(choice)).putNull("usage");
    }

    private JsonObject base() {
        return new JsonObject().put("id", "cmpl-fake").put("object", "text_completion")
                .put("created", 1_733_000_000).put("model", model);
    }

    private void data(JsonObject json) {
        response.write("data: " + json.encode() + "\n\n");
    }
}
