package io.aitbc.miner.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * An HTTP server for media fetch tests, on every interface at a free port: each path answers as a test set it up (a
 * file, chunked without a length, slowly, stalling mid-body, a redirect, a status), and every request is recorded.
 */
public final class MediaServer implements AutoCloseable {

    /**
     * A request the server received.
     *
     * @param uri the request line's URI (path and query)
     * @param host the {@code Host} header
     * @param authorization the {@code Authorization} header, or null
     */
    public record Received(String uri, String host, String authorization) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Consumer<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private MediaServer(HttpServerOptions options) {
        server = vertx.createHttpServer(options.setPort(0)).requestHandler(this::handle);
        await(server.listen().toCompletionStage().toCompletableFuture());
    }

    /** A plain HTTP server. */
    public static MediaServer start() {
        return new MediaServer(new HttpServerOptions().setHost("0.0.0.0"));
    }

    /** A server with the given options (TLS). */
    public static MediaServer start(HttpServerOptions options) {
        return new MediaServer(options);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request received so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** {@code path} answers {@code body} with its {@code Content-Length}. */
    public MediaServer file(String path, byte[] body) {
        routes.put(path, request -> request.response().end(Buffer.buffer(body)));
        return this;
    }

    /** {@code path} answers {@code body} chunked, without a length. */
    public MediaServer chunked(String path, byte[] body) {
        routes.put(path, request -> {
            HttpServerResponse response = request.response().setChunked(true);
            for (int at = 0; at < body.length; at += 64 * 1024) {
                response.write(Buffer.buffer(body).slice(at, Math.min(body.length, at + 64 * 1024)));
            }
            response.end();
        });
        return this;
    }

    /** {@code path} answers {@code body} in ten pieces spread over {@code time}. */
    public MediaServer slow(String path, byte[] body, Duration time) {
        routes.put(path, request -> {
            HttpServerResponse response = request.response().putHeader("Content-Length", "" + body.length);
            int piece = (body.length + 9) / 10;
            for (int i = 0; i < 10; i++) {
                int from = Math.min(body.length, i * piece);
                int to = Math.min(body.length, from + piece);
                boolean last = i == 9;
                vertx.setTimer(Math.max(1, time.toMillis() * (i + 1) / 10), id -> {
                    if (last) {
                        response.end(Buffer.buffer(body).slice(from, to));
                    } else {
                        response.write(Buffer.buffer(body).slice(from, to));
                    }
                });
            }
        });
        return this;
    }

    /** {@code path} promises {@code body.length} bytes, sends {@code sent} of them and then nothing. */
    public MediaServer stall(String path, byte[] body, int sent) {
        routes.put(path, request -> request.response().putHeader("Content-Length", "" + body.length)
                .write(Buffer.buffer(body).slice(0, sent)));
        return this;
    }

    /** {@code path} answers {@code status} with a {@code Location}. */
    public MediaServer redirect(String path, int status, String location) {
        routes.put(path, request -> request.response().setStatusCode(status).putHeader("Location", location).end());
        return this;
    }

    /** {@code path} answers 503 the first {@code failures} times, then {@code body}. */
    public MediaServer flaky(String path, int failures, byte[] body) {
        int[] left = { failures };
        routes.put(path, request -> {
            if (left[0]-- > 0) {
                request.response().setStatusCode(503).end("busy");
            } else {
                request.response().end(Buffer.buffer(body));
            }
        });
        return this;
    }

    /** {@code path} answers {@code status} with a short text. */
    public MediaServer status(String path, int status) {
        routes.put(path, request -> request.response().setStatusCode(status).end("status " + status));
        return this;
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private void handle(HttpServerRequest request) {
        received.add(new Received(request.uri(), request.getHeader("Host"), request.getHeader("Authorization")));
        Consumer<HttpServerRequest> route = routes.get(request.path());
        if (route == null) {
            request.response().setStatusCode(404).end("no such media");
        } else {
            route.accept(request);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
