package io.aitbc.miner.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fake Whisper service for tests (D33: plain Vert.x core). It speaks one of the two APIs the agent uses, as their
 * servers do: the shop's aitbc-whisper ({@code apps/whisper/main.py}: {@code POST /transcribe} with the form fields
 * {@code file}, {@code language}, {@code task}, {@code beam_size}, FastAPI's 422 {@code detail} list for a missing
 * file or a non-integer {@code beam_size}, 503 {@code {"detail":"Model not loaded"}}, {@code GET /health}) or OpenAI's
 * ({@code POST /v1/audio/transcriptions} with {@code file}, {@code model}, {@code language}, {@code prompt},
 * {@code response_format}; 400 and 404 as {@code {"error":{"message",…}}}; {@code GET /v1/models}). It records every
 * transcription request's fields and file.
 */
public final class FakeWhisper implements AutoCloseable {

    /** The API spoken. */
    public enum Api {
        AITBC,
        OPENAI
    }

    /**
     * A transcription request as received.
     *
     * @param fields the form fields other than the file
     * @param fileName the file part's name, or null without one
     * @param fileBytes the file's size
     */
    public record Received(Map<String, String> fields, String fileName, long fileBytes) {
    }

    /** The model the aitbc service loaded, and the one the OpenAI server serves. */
    public static final String MODEL = "base";
    public static final String OPENAI_MODEL = "whisper-1";
    /** What the fake hears in any audio. */
    public static final String TEXT = "hello from the fake whisper";
    /** The audio length it reports. */
    public static final double DURATION = 2.0;
    private static final Set<String> FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt");

    private final Vertx vertx = Vertx.vertx();
    private final Api api;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile boolean loaded = true;
    private volatile Duration delay = Duration.ZERO;

    private FakeWhisper(Api api, int port) {
        this.api = api;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("fake Whisper did not start", e);
        }
    }

    /** Starts a fake of {@code api} on a free port. */
    public static FakeWhisper start(Api api) {
        return new FakeWhisper(api, 0);
    }

    /** Starts a fake of {@code api} on {@code port} (0: a free one). */
    public static FakeWhisper start(Api api, int port) {
        return new FakeWhisper(api, port);
    }

    /** The base URL, as {@code MINER_WHISPER_URL} takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Every transcription request so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Whether the aitbc service has its model loaded (else 503 and {@code ready: false}). */
    public void loaded(boolean loaded) {
        this.loaded = loaded;
    }

    /** How long a transcription takes before its answer starts. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void close() {
        vertx.close();
    }

    private void handle(HttpServerRequest request) {
        String route = request.method().name() + " " + request.path();
        switch (api + " " + route) {
            case "AITBC GET /health" -> json(request, 200, new JsonObject().put("status", "ok").put("model", MODEL)
                    .put("device", "cuda").put("ready", loaded));
            case "OPENAI GET /v1/models" -> json(request, 200, new JsonObject().put("object", "list").put("data",
                    new JsonArray().add(new JsonObject().put("id", OPENAI_MODEL).put("object", "model"))));
            case "AITBC POST /transcribe", "OPENAI POST /v1/audio/transcriptions" -> form(request);
            default -> json(request, 404, new JsonObject().put("detail", "Not Found"));
        }
    }

    private void form(HttpServerRequest request) {
        request.setExpectMultipart(true);
        long[] size = { 0 };
        String[] name = { null };
        request.uploadHandler(upload -> {
            name[0] = upload.name().equals("file") ? upload.filename() : name[0];
            upload.handler(chunk -> size[0] += upload.name().equals("file") ? chunk.length() : 0);
        });
        request.endHandler(ignored -> {
            Map<String, String> fields = new LinkedHashMap<>();
            request.formAttributes().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
            received.add(new Received(fields, name[0], size[0]));
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                if (api == Api.AITBC) {
                    aitbc(request, fields, name[0]);
                } else {
                    openai(request, fields, name[0]);
                }
            });
        });
    }

    private void aitbc(HttpServerRequest request, Map<String, String> fields, String file) {
        if (file == null) {
            json(request, 422, fastApiError("missing", "file", "Field required", null));
        } else if (fields.containsKey("beam_size") && !fields.get("beam_size").matches("-?[0-9]+")) {
            json(request, 422, fastApiError("int_parsing", "beam_size",
                    "Input should be a valid integer, unable to parse string as an integer", fields.get("beam_size")));
        } else if (!loaded) {
            json(request, 503, new JsonObject().put("detail", "Model not loaded"));
        } else if (!Set.of("transcribe", "translate").contains(fields.getOrDefault("task", "transcribe"))) {
            request.response().setStatusCode(500).putHeader("Content-Type", "text/plain")
                    .end("Internal Server Error");
        } else {
            json(request, 200, new JsonObject().put("text", TEXT).put("language", fields.getOrDefault("language",
                    "en")).put("language_probability", 0.99).put("duration_seconds", DURATION)
                    .put("duration_minutes", DURATION / 60).put("segments", new JsonArray()
                            .add(new JsonObject().put("start", 0.0).put("end", DURATION).put("text", TEXT)))
                    .put("model", MODEL).put("elapsed_seconds", 0.1).put("real_time_factor", 0.05)
                    .put("result_hash", sha256(TEXT)));
        }
    }

    private void openai(HttpServerRequest request, Map<String, String> fields, String file) {
        String format = fields.getOrDefault("response_format", "json");
        if (file == null || !fields.containsKey("model")) {
            json(request, 400, openAiError("you must provide a " + (file == null ? "file" : "model"),
                    file == null ? "file" : "model", null));
        } else if (!FORMATS.contains(format)) {
            json(request, 400, openAiError("'" + format + "' is not one of " + FORMATS, "response_format", null));
        } else if (!fields.get("model").equals(OPENAI_MODEL)) {
            json(request, 404, openAiError("The model `" + fields.get("model") + "` does not exist", "model",
                    "model_not_found"));
        } else if (format.equals("verbose_json")) {
            json(request, 200, new JsonObject().put("task", "transcribe").put("language", "english")
                    .put("duration", DURATION).put("text", " " + TEXT).put("segments", new JsonArray().add(
                            new JsonObject().put("id", 0).put("seek", 0).put("start", 0.0).put("end", DURATION)
                                    .put("text", " " + TEXT).put("tokens", new JsonArray().add(50364))
                                    .put("temperature", 0.0).put("avg_logprob", -0.25)
                                    .put("compression_ratio", 1.1).put("no_speech_prob", 0.01))));
        } else {
            json(request, 200, new JsonObject().put("text", TEXT));
        }
    }

    private static JsonObject fastApiError(String type, String field, String message, String input) {
        return new JsonObject().put("detail", new JsonArray().add(new JsonObject().put("type", type)
                .put("loc", new JsonArray().add("body").add(field)).put("msg", message).put("input", input)));
    }

    private static JsonObject openAiError(String message, String param, String code) {
        return new JsonObject().put("error", new JsonObject().put("message", message)
                .put("type", "invalid_request_error").put("param", param).put("code", code));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
