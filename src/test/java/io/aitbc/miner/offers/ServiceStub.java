package io.aitbc.miner.offers;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A shop service's {@code /health}, switchable: the Whisper service answers {@code {"ready":true}} when up, the ffmpeg
 * service {@code {"status":"ok"}}; down, both answer 503.
 */
public final class ServiceStub implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final String upBody;
    private volatile boolean up = true;

    private ServiceStub(String upBody) throws Exception {
        this.upBody = upBody;
        server = vertx.createHttpServer().requestHandler(req -> {
            boolean health = req.path().equals("/health");
            req.response().setStatusCode(health && up ? 200 : health ? 503 : 404)
                    .putHeader("Content-Type", "application/json")
                    .end(health && up ? this.upBody : "{\"detail\":\"unavailable\"}");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The Whisper service ({@code aitbc-whisper}). */
    public static ServiceStub whisper() throws Exception {
        return new ServiceStub("{\"status\":\"ok\",\"ready\":true,\"model\":\"base\"}");
    }

    /** The ffmpeg service ({@code aitbc-ffmpeg}). */
    public static ServiceStub ffmpeg() throws Exception {
        return new ServiceStub("{\"status\":\"ok\"}");
    }

    /** Its root URL. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Up or down from the next request on. */
    public void up(boolean isUp) {
        this.up = isUp;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
