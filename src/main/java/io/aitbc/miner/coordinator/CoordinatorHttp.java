package io.aitbc.miner.coordinator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.fetch.PinnedHttpClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The coordinator's HTTP transport: one pooled Vert.x client pinned to one event loop ({@link PinnedHttpClient}), each
 * call sent and its answer read whole there while the calling virtual thread waits, with no interceptor, proxy or
 * context propagation on the way (issue 19). Every call carries {@code X-Api-Key}, {@code X-Miner-ID} and the agent's
 * {@code User-Agent};
 * {@code Authorization} is never sent (once present, the coordinator demands a JWT and ignores the key). Connect
 * timeout 3 s, 6 s without data, 10 s in all: a call given up is reset, so it can never land after reconciliation
 * has decided about it. Idle connections close after 20 s, below uvicorn's 30 s keep-alive.
 */
@ApplicationScoped
class CoordinatorHttp {

    static final String USER_AGENT = "aitbc-miner-node/0.1";
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int IDLE_TIMEOUT_MS = 6_000;
    static final int CALL_TIMEOUT_MS = 10_000;
    static final int KEEP_ALIVE_SECONDS = 20;

    private final PinnedHttpClient http;
    private final String basePath;
    private final String apiKey;
    private final String minerId;

    CoordinatorHttp(Vertx vertx, CoordinatorConfig config, AgentIdentity identity) {
        URI base = URI.create(config.url());
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        this.http = new PinnedHttpClient(vertx, new HttpClientOptions().setSsl(tls).setVerifyHost(true)
                .setDefaultHost(base.getHost()).setDefaultPort(port).setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setMaxPoolSize(64));
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.apiKey = identity.apiKey();
        this.minerId = identity.minerId();
    }

    /**
     * Sends one request ({@code body} null for none) and answers the coordinator's answer, whatever its status.
     *
     * @param path below the API base, its segments already encoded ({@link #segment})
     * @throws TimeoutException when no whole answer came within {@value #CALL_TIMEOUT_MS} ms (the request is reset)
     * @throws ExecutionException when the transport failed; its cause tells how
     */
    HttpAnswer send(HttpMethod method, String path, String body)
            throws InterruptedException, ExecutionException, TimeoutException {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(basePath + path)
                .setIdleTimeout(IDLE_TIMEOUT_MS).putHeader("X-Api-Key", apiKey).putHeader("X-Miner-ID", minerId)
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT).putHeader(HttpHeaders.ACCEPT, "application/json");
        CompletableFuture<HttpClientRequest> sent = new CompletableFuture<>();
        CompletableFuture<HttpAnswer> answer = http.call(options, request -> {
            sent.complete(request);
            return send(request, body).compose(response -> response.body().map(bytes -> new HttpAnswer(
                    response.statusCode(), bytes.toString(), response.getHeader("Retry-After"),
                    response.getHeader("X-Request-ID"))));
        }).toCompletionStage().toCompletableFuture();
        try {
            return answer.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            sent.thenAccept(HttpClientRequest::reset);
            throw e;
        }
    }

    private static Future<HttpClientResponse> send(HttpClientRequest request, String body) {
        if (body == null) {
            return request.send();
        }
        request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        return request.send(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** One path segment percent-encoded (D2): everything but RFC 3986's unreserved characters. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
