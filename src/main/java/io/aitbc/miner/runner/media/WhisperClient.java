package io.aitbc.miner.runner.media;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.fetch.PinnedHttpClient;
import io.aitbc.miner.job.ErrorCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The node's Whisper service ({@code MINER_WHISPER_URL}, D38), on a non-blocking Vert.x HTTP client as Ollama is: the
 * media file forwarded as a multipart upload in the form of {@code MINER_WHISPER_API}, and a probe that says whether
 * the service is up. Both block the calling thread, so they are never called on an event loop.
 */
@Startup
@ApplicationScoped
public class WhisperClient {

    /** How long the probe may take; it runs at every registration. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final WhisperConfig config;
    private final Optional<PinnedHttpClient> http;
    private final String pathPrefix;
    private volatile String lastProblem = "not probed yet";

    public WhisperClient(Vertx vertx, WhisperConfig config) {
        this.vertx = vertx;
        this.config = config;
        Optional<URI> url = config.url();
        url.ifPresent(WhisperClient::check);
        positive("MINER_WHISPER_CONNECT_TIMEOUT", config.connectTimeout());
        positive("MINER_WHISPER_FIRST_BYTE_TIMEOUT", config.firstByteTimeout());
        positive("MINER_WHISPER_IDLE_TIMEOUT", config.idleTimeout());
        this.pathPrefix = url.map(URI::getPath).orElse("").replaceAll("/+$", "");
        this.http = url.map(base -> {
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            return new PinnedHttpClient(vertx, new HttpClientOptions().setSsl(tls).setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
                    .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAliveTimeout(20));
        });
    }

    /** Whether {@code MINER_WHISPER_URL} is set. */
    public boolean configured() {
        return http.isPresent();
    }

    /** Why the last probe found the service unusable, or empty when it answered. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** Asks the service whether it is up (at most {@link #PROBE_TIMEOUT}); never throws. */
    public Optional<String> probe() {
        if (http.isEmpty()) {
            lastProblem = "MINER_WHISPER_URL is not set";
            return lastProblem();
        }
        String problem;
        try {
            var response = http.get().call(new RequestOptions().setMethod(HttpMethod.GET)
                    .setURI(pathPrefix + config.api().probePath()),
                    request -> request.send()
                            .compose(answer -> answer.body().map(body -> Map.entry(answer.statusCode(), body))))
                    .toCompletionStage().toCompletableFuture().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            problem = response.getKey() != 200 ? "HTTP " + response.getKey() + " from " + config.api().probePath()
                    : config.api().probeProblem(json(response.getValue())).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while probing";
        } catch (ExecutionException e) {
            problem = "unreachable: " + WhisperCall.describe(e.getCause());
        } catch (TimeoutException e) {
            problem = "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
        }
        if (problem != null && !problem.equals(lastProblem)) {
            Log.warnf("Whisper service at %s: %s", config.url().get(), problem);
        }
        lastProblem = problem;
        return lastProblem();
    }

    /**
     * Transcribes a media file.
     *
     * @param fileName the name the file is uploaded under
     * @throws WhisperException {@code E_RUNNER} (unreachable, 5xx, timeout, unreadable answer) or {@code E_BADJOB}
     *         (4xx)
     * @throws InterruptedException when the job is stopped; the request is reset first
     */
    WhisperAnswer transcribe(Path file, String fileName, WhisperRequest request)
            throws WhisperException, InterruptedException {
        if (http.isEmpty()) {
            throw new WhisperException(ErrorCode.E_UNSUPPORTED, "MINER_WHISPER_URL is not set");
        }
        WhisperApi api = config.api();
        String boundary = "aitbc-" + HexFormat.of().formatHex(random());
        Buffer head = head(boundary, api.fields(request), fileName);
        Buffer tail = Buffer.buffer("\r\n--" + boundary + "--\r\n");
        AsyncFile media;
        long length;
        try {
            length = head.length() + Files.size(file) + tail.length();
            media = vertx.fileSystem().openBlocking(file.toString(), new OpenOptions().setRead(true).setWrite(false));
        } catch (IOException | RuntimeException e) {
            throw new WhisperException(ErrorCode.E_RUNNER, "cannot read the fetched media: " + e.getMessage());
        }
        WhisperCall call = new WhisperCall(vertx, api, config.firstByteTimeout(), config.idleTimeout());
        http.get().request(new RequestOptions().setMethod(HttpMethod.POST).setURI(pathPrefix + api.path())
                .putHeader(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)),
                connected -> call.send(connected, head, media, tail));
        Buffer body = await(call);
        JsonNode answer = json(body);
        return api.answer(answer, request.model()).orElseThrow(() -> new WhisperException(ErrorCode.E_RUNNER,
                "the Whisper service's answer has no text"));
    }

    @PreDestroy
    void close() {
        http.ifPresent(PinnedHttpClient::close);
    }

    private static Buffer await(WhisperCall call) throws WhisperException, InterruptedException {
        try {
            return call.result().get();
        } catch (InterruptedException e) {
            call.cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WhisperException failure) {
                throw failure;
            }
            throw new IllegalStateException("transcription failed unexpectedly", e.getCause());
        }
    }

    private static Buffer head(String boundary, Map<String, String> fields, String fileName) {
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        return Buffer.buffer(head.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The body as JSON, or a missing node when it is not JSON. */
    static JsonNode json(Buffer body) {
        try {
            JsonNode node = MAPPER.readTree(body.getBytes());
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void positive(String env, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(env, "must be more than 0");
        }
    }

    private static void check(URI url) {
        if (url.getHost() == null || !("http".equalsIgnoreCase(url.getScheme())
                || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new InvalidConfigException("MINER_WHISPER_URL", "must be an http or https URL with a host");
        }
    }
}
