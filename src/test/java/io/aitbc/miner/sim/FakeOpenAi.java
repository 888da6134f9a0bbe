package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fake OpenAI-compatible completions server as vLLM documents it (decisions D33, D40): {@code GET /v1/models},
 * streaming {@code POST /v1/completions} as server-sent events ({@code data:} lines, {@code data: [DONE]}, the
 * {@code usage} chunk when asked with {@code stream_options.include_usage}), vLLM's 404 and 400 error bodies, an
 * optional bearer key, and faults: a stream that stalls, one cut mid-way. Its tokens are a quarter of the prompt's
 * characters, and a prompt plus {@code max_tokens} beyond its context is refused as vLLM refuses it. Settings may
 * change while it runs; each request reads them when it arrives.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** A failure the fake produces on {@code /v1/completions}. */
    public enum Fault {
        /** Streams normally. */
        NONE,
        /** Streams half the chunks, then sends nothing more and keeps the connection open. */
        STALL,
        /** Streams half the chunks, then closes the connection without {@code [DONE]}. */
        CUT,
        /** Answers 500 before streaming. */
        HTTP_500
    }

    /**
     * A completions request the fake received.
     *
     * @param body the request body
     * @param authorization its {@code Authorization} header, empty when none
     */
    public record Received(JsonObject body, Optional<String> authorization) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private final HttpServer server;
    private volatile List<String> models = List.of("Qwen/Qwen3-8B");
    private volatile int tokens = 12;
    private volatile Duration generationTime = Duration.ofMillis(200);
    private volatile boolean usage = true;
    private volatile Fault fault = Fault.NONE;
    private volatile int maxModelLen = 4096;
    private volatile Optional<String> apiKey = Optional.empty();

    private FakeOpenAi() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        FakeOllama.await(server.listen(0, "127.0.0.1"));
    }

    /** Starts a fake on a free port. */
    public static FakeOpenAi start() {
        return new FakeOpenAi();
    }

    /** The server root, as {@code MINER_OPENAI_URL} takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The served model ids ({@code vllm serve --served-model-name}). */
    public FakeOpenAi models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** Chunks of text per completion (fewer when {@code max_tokens} is lower). */
    public FakeOpenAi tokens(int count) {
        this.tokens = count;
        return this;
    }

    /** Time from the request to {@code [DONE]}. */
    public FakeOpenAi generationTime(Duration time) {
        this.generationTime = time;
        return this;
    }

    /** Whether the usage chunk is sent when asked (some servers never send it). */
    public FakeOpenAi usage(boolean send) {
        this.usage = send;
        return this;
    }

    /** The fault of the next requests. */
    public FakeOpenAi fault(Fault next) {
        this.fault = next;
        return this;
    }

    /** The model's context ({@code --max-model-len}). */
    public FakeOpenAi maxModelLen(int length) {
        this.maxModelLen = length;
        return this;
    }

    /** The bearer key required ({@code vllm serve --api-key}); empty: none. */
    public FakeOpenAi apiKey(Optional<String> key) {
        this.apiKey = key;
        return this;
    }

    /** Completions requests received, oldest first. */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    /** Streams the client closed or reset before they ended. */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    /** Forgets the recorded requests and aborted streams, and restores the defaults. */
    public void reset() {
        requests.clear();
        abortedStreams.set(0);
        models("Qwen/Qwen3-8B").tokens(12).generationTime(Duration.ofMillis(200)).usage(true).fault(Fault.NONE)
                .maxModelLen(4096).apiKey(Optional.empty());
    }

    @Override
    public void close() {
        FakeOllama.await(server.close());
        FakeOllama.await(vertx.close());
    }

    private void handle(HttpServerRequest request) {
        if (apiKey.isPresent() && !("Bearer " + apiKey.get()).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "Unauthorized").encode());
            return;
        }
        switch (request.path()) {
            case "/v1/models" -> json(request.response(), 200, modelList());
            case "/v1/completions" -> request.body().onSuccess(body -> complete(request, body));
            default -> json(request.response(), 404, new JsonObject().put("detail", "Not Found"));
        }
    }

    private JsonObject modelList() {
        JsonArray data = new JsonArray();
        models.forEach(id -> data.add(new JsonObject().put("id", id).put("object", "model").put("created", 1_733_000_000)
                .put("owned_by", "vllm").put("root", id).putNull("parent").put("max_model_len", maxModelLen)));
        return new JsonObject().put("object", "list").put("data", data);
    }

    private void complete(HttpServerRequest request, Buffer raw) {
        JsonObject body;
        try {
            body = raw.toJsonObject();
        } catch (DecodeException e) {
            json(request.response(), 400, newError("Invalid JSON body", "BadRequestError", 400));
            return;
        }
        requests.add(new Received(body, Optional.ofNullable(request.getHeader("Authorization"))));
        String model = body.getString("model", "");
        int promptTokens = Math.max(1, body.getString("prompt", "").length() / 4);
        int maxTokens = body.getInteger("max_tokens", 16);
        if (!models.contains(model)) {
            // vLLM's older error shape
            json(request.response(), 404, new JsonObject().put("object", "error")
                    .put("message", "The model `" + model + "` does not exist.").put("type", "NotFoundError")
                    .putNull("param").put("code", 404));
        } else if (promptTokens + maxTokens > maxModelLen) {
            json(request.response(), 400, newError("This model's maximum context length is " + maxModelLen
                    + " tokens. However, you requested " + (promptTokens + maxTokens) + " tokens (" + promptTokens
                    + " in the messages, " + maxTokens + " in the completion). Please reduce the length of the"
                    + " messages or completion.", "BadRequestError", 400));
        } else if (fault == Fault.HTTP_500) {
            json(request.response(), 500, newError("EngineCore encountered an issue.", "InternalServerError", 500));
        } else {
            boolean withUsage = usage && body.getJsonObject("stream_options", new JsonObject())
                    .getBoolean("include_usage", false);
            new FakeCompletion(vertx, request.response(), model, Math.min(tokens, maxTokens), tokens, promptTokens,
                    withUsage, fault, generationTime, abortedStreams::incrementAndGet).next();
        }
    }

    /** vLLM's newer error shape. */
    private static JsonObject newError(String message, String type, int code) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .putNull("param").put("code", code));
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
