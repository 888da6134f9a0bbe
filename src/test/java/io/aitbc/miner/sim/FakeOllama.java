package io.aitbc.miner.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fake Ollama server for tests and the demo (decisions D33): plain Vert.x core, no CDI. It serves
 * {@code /api/generate} (streaming NDJSON as Ollama documents it), {@code /api/tags}, {@code /api/ps} and
 * {@code /api/version}, behaves as its {@link FakeOllamaOptions} say at the time of each request, and records each
 * generate request's model, prompt, options and {@code keep_alive}. Like Ollama, it loads a model on a generate
 * without a prompt, and silently truncates a prompt longer than the request's {@code num_ctx} (its tokens are a
 * quarter of its characters), which its {@code prompt_eval_count} then shows.
 */
public final class FakeOllama implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A generate request the fake received.
     *
     * @param model the model asked for
     * @param promptLength the prompt's length in characters
     * @param prompt the prompt (test data only: benchmarks match requests to jobs with it)
     * @param at when the request arrived
     * @param options the request's {@code options}, empty when none
     * @param keepAlive the request's {@code keep_alive}, null when none
     */
    public record ReceivedRequest(String model, int promptLength, String prompt, Instant at, JsonObject options,
            Object keepAlive) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final FakeOllamaOptions options;
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    /** Requests of the {@code HANG} fault, held unanswered (and so referenced) until the client goes away. */
    private final Set<HttpServerRequest> hung = ConcurrentHashMap.newKeySet();
    private volatile HttpServer server;
    private volatile int port;

    private FakeOllama(FakeOllamaOptions options) {
        this.options = options;
        this.port = options.port();
    }

    /** Starts a fake on {@code options.port()} (0: a free port) and waits until it listens. */
    public static FakeOllama start(FakeOllamaOptions options) {
        FakeOllama fake = new FakeOllama(options);
        try {
            fake.restart();
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
        return fake;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, as {@code MINER_OLLAMA_URL} takes it. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The port it listens on (kept across {@link #stop()} and {@link #restart()}). */
    public int port() {
        return port;
    }

    /** The live settings; changes apply to the next request. */
    public FakeOllamaOptions options() {
        return options;
    }

    /** Generate requests received so far, oldest first. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the recorded requests and aborted-stream count. */
    public void clearRequests() {
        requests.clear();
        abortedStreams.set(0);
    }

    /** Streams whose client closed or reset the connection before the stream ended. */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    /** The text a fault-free generation of {@code tokens} chunks returns. */
    public static String outputFor(int tokens) {
        return FakeGeneration.text(tokens);
    }

    /** Closes the listener and its connections: clients then get "connection refused" on this port. */
    public void stop() {
        HttpServer current = server;
        server = null;
        if (current != null) {
            await(current.close());
        }
    }

    /** Listens again on the same port (the first call picks the port when it is 0). */
    public void restart() {
        stop();
        HttpServer created = vertx.createHttpServer().requestHandler(this::handle);
        port = await(created.listen(port, "127.0.0.1")).actualPort();
        server = created;
    }

    @Override
    public void close() {
        stop();
        await(vertx.close());
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/" -> request.response().end("Ollama is running");
            case "/api/version" -> json(request, 200, new JsonObject().put("version", "0.6.2"));
            case "/api/tags" -> json(request, 200, new JsonObject().put("models", modelList(options.models())));
            case "/api/ps" -> json(request, 200, new JsonObject().put("models", runningList()));
            case "/api/generate" -> request.body().onSuccess(body -> generate(request, body));
            default -> request.response().setStatusCode(404).end("404 page not found");
        }
    }

    private void generate(HttpServerRequest request, Buffer body) {
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException e) {
            error(request, 400, "invalid JSON body");
            return;
        }
        String model = json.getString("model", "");
        String prompt = json.getString("prompt", "");
        JsonObject requestOptions = json.getJsonObject("options", new JsonObject());
        requests.add(new ReceivedRequest(model, prompt.length(), prompt, Instant.now(), requestOptions,
                json.getValue("keep_alive")));
        Optional<String> installed = installed(model);
        FakeOllamaOptions.Fault fault = options.fault();
        if (model.isBlank()) {
            error(request, 400, "model is required");
        } else if (installed.isEmpty()) {
            error(request, 404, "model \"" + model + "\" not found, try pulling it first");
        } else if (fault == FakeOllamaOptions.Fault.HTTP_500) {
            error(request, 500, "llama runner process has terminated: exit status 2");
        } else if (fault == FakeOllamaOptions.Fault.OUT_OF_MEMORY) {
            error(request, 500, "model requires more system memory (5.6 GiB) than is available (3.1 GiB)");
        } else if (fault == FakeOllamaOptions.Fault.HANG) {
            hung.add(request);
            request.response().closeHandler(ignored -> {
                hung.remove(request);
                abortedStreams.incrementAndGet();
            });
        } else if (!json.containsKey("prompt")) {
            loaded.add(installed.get());
            json(request, 200, new JsonObject().put("model", model).put("created_at", Instant.now().toString())
                    .put("response", "").put("done", true).put("done_reason", "load"));
        } else {
            loaded.add(installed.get());
            new FakeGeneration(vertx, request.response(), model, prompt.length(), requestOptions, options)
                    .start(abortedStreams::incrementAndGet);
        }
    }

    private Optional<String> installed(String model) {
        String wanted = tagged(model);
        return options.models().stream().filter(name -> tagged(name).equals(wanted)).findFirst();
    }

    private static String tagged(String name) {
        return name.substring(name.lastIndexOf('/') + 1).contains(":") ? name : name + ":latest";
    }

    private JsonArray modelList(List<String> names) {
        JsonArray list = new JsonArray();
        names.forEach(name -> list.add(describe(name)));
        return list;
    }

    private JsonArray runningList() {
        JsonArray list = new JsonArray();
        String expires = Instant.now().plus(Duration.ofMinutes(5)).toString();
        loaded.forEach(name -> list.add(describe(name).put("expires_at", expires).put("size_vram", 2_019_393_189L)));
        return list;
    }

    private static JsonObject describe(String name) {
        JsonObject details = new JsonObject().put("parent_model", "").put("format", "gguf").put("family", "llama")
                .put("families", new JsonArray().add("llama")).put("parameter_size", "3.2B")
                .put("quantization_level", "Q4_K_M");
        return new JsonObject().put("name", name).put("model", name).put("modified_at", "2025-01-15T10:12:03.5Z")
                .put("size", 2_019_393_189L).put("digest", sha256(name)).put("details", details);
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    private static void error(HttpServerRequest request, int status, String message) {
        json(request, status, new JsonObject().put("error", message));
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a fake server's start or stop, at most a few seconds. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fake Ollama failed: " + e.getMessage(), e);
        }
    }
}
