package io.aitbc.miner.ollama;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.fetch.PinnedHttpClient;
import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.StreamCall;
import io.aitbc.miner.inference.StreamResults;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The node's Ollama server over HTTP, on a non-blocking Vert.x client: the installed and loaded models, and one
 * streaming generation (decisions D14); {@link OllamaBackend} decides what is sent. Every method blocks the calling
 * thread, so none is called on an event loop.
 */
@ApplicationScoped
public class OllamaClient {

    /** How long the model listing may take; it is asked at start-up and must not hold registration up. */
    static final Duration TAGS_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vertx vertx;
    private final URI base;
    private final String pathPrefix;
    private final PinnedHttpClient http;

    public OllamaClient(Vertx vertx, OllamaConfig ollama) {
        this.vertx = vertx;
        this.base = ollama.url();
        this.pathPrefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        this.http = new PinnedHttpClient(vertx, new HttpClientOptions()
                .setSsl(tls)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
                .setConnectTimeout((int) TAGS_TIMEOUT.toMillis())
                .setKeepAliveTimeout(20));
    }

    /**
     * The installed models ({@code /api/tags}), each also under its other name form, or why Ollama could not be
     * listed; never throws. Waits at most a few seconds.
     */
    public BackendModels listModels() {
        try {
            List<String> names = modelNames(get("/api/tags"));
            return BackendModels.of(names, ModelNames.withBothForms(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendModels.unreachable("interrupted while listing Ollama's models");
        } catch (ExecutionException e) {
            return unreachable(StreamCall.describe(e.getCause()));
        } catch (TimeoutException e) {
            return unreachable("no answer within " + TAGS_TIMEOUT.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            return unreachable("unreadable model list: " + StreamCall.describe(e));
        }
    }

    /** The models loaded in memory now ({@code /api/ps}); empty when Ollama does not answer within a few seconds. */
    public List<String> loadedModels() {
        try {
            return modelNames(get("/api/ps"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            Log.debugf("Ollama's loaded models cannot be listed: %s", StreamCall.describe(e));
            return List.of();
        }
    }

    /**
     * Runs one streaming generation to its done line. There is no overall timeout: the first chunk must come within
     * {@code firstTokenTimeout} ({@code MINER_INFERENCE_FIRST_TOKEN_TIMEOUT}) and each next one within
     * {@code idleTimeout} ({@code MINER_INFERENCE_IDLE_TIMEOUT}).
     *
     * @param model the model named in {@code body}, for error messages
     * @param body the streaming {@code /api/generate} request body
     * @throws InferenceException with {@code E_MODEL} (not installed), {@code E_OOM}, {@code E_RUNNER} (unreachable,
     *         5xx, error line, stall, no done line) or {@code E_BADJOB} (other 4xx)
     * @throws InterruptedException when the calling thread is interrupted; the HTTP request is reset first
     */
    public OllamaAnswer generate(String model, ObjectNode body, Duration firstTokenTimeout, Duration idleTimeout)
            throws InferenceException, InterruptedException {
        GenerateStream stream = new GenerateStream(vertx, MAPPER, model, firstTokenTimeout, idleTimeout);
        Buffer request = Buffer.buffer(body.toString());
        http.request(options(HttpMethod.POST, "/api/generate")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json"), connected -> stream.send(connected, request));
        return StreamResults.await(stream.result(), stream::cancel);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    private JsonNode get(String path)
            throws InterruptedException, ExecutionException, TimeoutException, IOException {
        Buffer body = http.call(options(HttpMethod.GET, path), request -> request.send().compose(PinnedHttpClient::okBody))
                .toCompletionStage().toCompletableFuture()
                .get(TAGS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return MAPPER.readTree(body.getBytes());
    }

    private RequestOptions options(HttpMethod method, String path) {
        return new RequestOptions().setMethod(method).setURI(pathPrefix + path);
    }

    private static List<String> modelNames(JsonNode tags) {
        List<String> names = new ArrayList<>();
        for (JsonNode model : tags.path("models")) {
            String name = model.path("name").asText(model.path("model").asText(""));
            if (!name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    private BackendModels unreachable(String reason) {
        Log.warnf("Ollama at %s cannot list its models (%s): inference jobs will fail until it is up", base, reason);
        return BackendModels.unreachable(reason);
    }
}
