package io.aitbc.miner.fetch;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One request of a fetch: a GET to the address the fetch checked, with the URL's host as {@code Host} and TLS server
 * name, ending in a redirect to follow or a body streamed into the target file. The body is counted against the cap
 * and written with back-pressure, so the heap holds at most the file's write queue whatever the file's size. Callbacks
 * run on the event loop and {@link #cancel()} on the job's thread, so every entry point is synchronised.
 */
final class FetchHop {

    /** What a request ended in. */
    sealed interface Answer permits Redirect, Saved {
    }

    /** A redirect to {@code location}, as the server wrote it. */
    record Redirect(String location) implements Answer {
    }

    /** The body, {@code bytes} long, is in the target file. */
    record Saved(long bytes) implements Answer {
    }

    static final String USER_AGENT = "aitbc-miner-node";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final long ROOM_CHECK_BYTES = 64L << 20;

    private final Vertx vertx;
    private final MediaUrl url;
    private final Path target;
    private final FetchLimits limits;
    private final CompletableFuture<Answer> result = new CompletableFuture<>();
    private HttpClientRequest request;
    private AsyncFile file;
    private long written;
    private long nextRoomCheck = ROOM_CHECK_BYTES;
    private final Watchdog total;
    private final Watchdog idle;

    FetchHop(Vertx vertx, MediaUrl url, Path target, FetchLimits limits) {
        this.vertx = vertx;
        this.url = url;
        this.target = target;
        this.limits = limits;
        this.total = new Watchdog(vertx, this::onTotalTimeout);
        this.idle = new Watchdog(vertx, this::onSilence);
    }

    /** Completes with the answer, or exceptionally with a {@link FetchException}. */
    CompletableFuture<Answer> result() {
        return result;
    }

    /** Sends the request to {@code address}; the whole hop must end within {@code remaining}. */
    synchronized void start(PinnedHttpClient http, InetAddress address, Duration remaining) {
        total.arm(remaining);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(url.host())
                .setPort(url.port()).setSsl(url.https()).setURI(url.requestUri()).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setConnectTimeout(limits.connect().toMillis()).setIdleTimeout(limits.idle().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT).putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        url.basicAuthorization().ifPresent(auth -> options.putHeader(HttpHeaders.AUTHORIZATION, auth));
        http.request(options, connected -> onConnected(connected, address));
    }

    /** Stops the request (the job was stopped); the answer no longer matters. */
    synchronized void cancel() {
        fail(FetchException.transientFailure("the job was stopped"));
    }

    private synchronized void onConnected(AsyncResult<HttpClientRequest> connected, InetAddress address) {
        if (connected.failed()) {
            fail(FetchException.broken("cannot connect to " + url.host() + " (" + address.getHostAddress() + ")",
                    connected.cause(), limits));
            return;
        }
        request = connected.result();
        if (result.isDone()) {
            request.reset();
            return;
        }
        request.send().onComplete(this::onResponse);
    }

    private synchronized void onResponse(AsyncResult<HttpClientResponse> answered) {
        if (answered.failed()) {
            fail(FetchException.broken("no answer from " + url.shown(), answered.cause(), limits));
            return;
        }
        HttpClientResponse response = answered.result();
        // replaced once the body is wanted; until then a reset of ours must not be logged as an error
        response.exceptionHandler(ignored -> {
        });
        int status = response.statusCode();
        if (REDIRECTS.contains(status) && response.getHeader(HttpHeaders.LOCATION) != null) {
            complete(new Redirect(response.getHeader(HttpHeaders.LOCATION)));
            request.reset();
        } else if (status < 200 || status >= 300 || status == 204) {
            String reason = "HTTP " + status + " from " + url.shown();
            fail(status >= 500 || status == 408 || status == 429 ? FetchException.transientFailure(reason)
                    : FetchException.permanent(reason));
        } else if (refusedBySize(response)) {
            request.reset();
        } else {
            response.pause();
            response.exceptionHandler(error -> onBroken(error));
            vertx.fileSystem().open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                    .onComplete(opened -> onOpened(opened, response));
        }
    }

    private boolean refusedBySize(HttpClientResponse response) {
        Optional<FetchException> refused = limits.refusal(url.shown(), response.getHeader(HttpHeaders.CONTENT_LENGTH));
        refused.ifPresent(this::fail);
        return refused.isPresent();
    }

    private synchronized void onOpened(AsyncResult<AsyncFile> opened, HttpClientResponse response) {
        if (opened.failed()) {
            fail(FetchException.transientFailure("cannot write the media file: " + FetchException.describe(opened.cause())));
            return;
        }
        file = opened.result();
        if (result.isDone()) {
            file.close();
            return;
        }
        file.exceptionHandler(error -> onBroken(error));
        response.handler(chunk -> onChunk(chunk, response));
        response.endHandler(ignored -> onEnd());
        idle.arm(limits.idle());
        response.resume();
    }

    private synchronized void onChunk(Buffer chunk, HttpClientResponse response) {
        if (result.isDone()) {
            return;
        }
        written += chunk.length();
        if (written > limits.maxBytes()) {
            fail(limits.tooLarge(url.shown() + " sent more than " + limits.maxBytes() + " bytes"));
            return;
        }
        if (written >= nextRoomCheck) {
            nextRoomCheck += ROOM_CHECK_BYTES;
            if (limits.room().getAsLong() == 0) {
                fail(FetchLimits.noRoom());
                return;
            }
        }
        idle.arm(limits.idle());
        file.write(chunk);
        if (file.writeQueueFull()) {
            response.pause();
            file.drainHandler(ignored -> onDrained(response));
        }
    }

    private synchronized void onEnd() {
        if (result.isDone()) {
            return;
        }
        file.close().onComplete(this::onClosed);
    }

    private synchronized void onDrained(HttpClientResponse response) {
        idle.arm(limits.idle());
        response.resume();
    }

    private synchronized void onClosed(AsyncResult<Void> closed) {
        if (closed.succeeded()) {
            complete(new Saved(written));
        } else {
            fail(FetchException.transientFailure("cannot write the media file: "
                    + FetchException.describe(closed.cause())));
        }
    }

    private synchronized void onBroken(Throwable error) {
        fail(FetchException.broken("the download from " + url.shown() + " broke off after " + written + " bytes", error,
                limits));
    }

    private synchronized void complete(Answer answer) {
        if (!result.isDone()) {
            cancelTimers();
            result.complete(answer);
        }
    }

    private void fail(FetchException failure) {
        if (result.isDone()) {
            return;
        }
        cancelTimers();
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(failure);
        if (request != null) {
            request.reset();
        }
        if (file != null) {
            file.close();
        }
    }

    private synchronized void onTotalTimeout() {
        fail(FetchException.transientFailure("the fetch took longer than MINER_MEDIA_TOTAL_TIMEOUT"));
    }

    /** The body's own silence timer: the request's idle timeout covers only the wait for the answer's head. */
    private synchronized void onSilence() {
        fail(FetchException.broken("the download from " + url.shown() + " stalled after " + written + " bytes",
                new TimeoutException(), limits));
    }

    private void cancelTimers() {
        total.cancel();
        idle.cancel();
    }
}
