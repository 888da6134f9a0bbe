package io.aitbc.miner.openai;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.StreamCall;
import io.aitbc.miner.job.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.parsetools.RecordParser;

/**
 * One streaming {@code POST /v1/completions} call (decisions D40): reads the server-sent events ({@code data:} lines,
 * ending with {@code data: [DONE]}) and takes {@code usage} from the last chunk when the server sends it; connecting,
 * timeouts, cancellation and settling once are {@link StreamCall}'s.
 */
final class CompletionStream extends StreamCall<Generation> {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final ObjectMapper mapper;
    private final String served;
    private final StringBuilder output = new StringBuilder();
    private long textChunks;
    private JsonNode usage;
    private String finishReason = "stop";

    CompletionStream(Vertx vertx, ObjectMapper mapper, String served, Duration firstTokenTimeout,
            Duration idleTimeout) {
        super(vertx, "the OpenAI-compatible server", firstTokenTimeout, idleTimeout);
        this.mapper = mapper;
        this.served = served;
    }

    @Override
    protected synchronized void onResponse(HttpClientResponse response) {
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
        response.exceptionHandler(e -> fail(ErrorCode.E_RUNNER, "the stream broke: " + describe(e)));
        response.endHandler(ignored -> fail(ErrorCode.E_RUNNER, "the stream ended without data: [DONE]"));
    }

    private synchronized void onLine(Buffer raw) {
        String line = raw.toString().strip();
        if (settled() || !line.startsWith(DATA)) {
            // blank separators, ": keep-alive" comments, event: and id: fields carry no token
            return;
        }
        chunkArrived();
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
        long elapsed = elapsedNanos();
        long completion = usage != null && usage.has("completion_tokens") ? usage.get("completion_tokens").asLong()
                : textChunks;
        long prompt = usage != null ? usage.path("prompt_tokens").asLong(0) : 0;
        double generatingSeconds = (elapsed - firstChunkNanos()) / 1e9;
        double perSecond = generatingSeconds > 0 ? completion / generatingSeconds : 0.0;
        complete(new Generation(Backend.OPENAI, output.toString(), served, prompt, completion, finishReason, elapsed,
                Duration.ofNanos(firstChunkNanos()), OptionalLong.empty(), perSecond));
    }
}
