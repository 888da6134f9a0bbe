package io.aitbc.miner.fetch;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
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

    /**
     * The limits of a request.
     *
     * @param maxBytes the cap on the body
     * @param connect the connect timeout
     * @param idle the longest silence of the server
     * @param room the bytes the workspace may still take
     */
    record Limits(long maxBytes, Duration connect, Duration idle, LongSupplier room) {
    }

    static final String USER_AGENT = "aitbc-miner-node";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final long ROOM_CHECK_BYTES = 64L << 20;

    private final Vertx vertx;
    private final MediaUrl url;
    private final Path target;
    private final Limits limits;
    private final CompletableFuture<Answer> result = new CompletableFuture<>();
    private HttpClientRequest request;
    private AsyncFile file;
    private long written;
    private long nextRoomCheck = ROOM_CHECK_BYTES;
    private long timerId = -1;
    private long idleTimerId = -1;

    FetchHop(Vertx vertx, MediaUrl url, Path target, Limits limits) {
        this.vertx = vertx;
        this.url = url;
        this.target = target;
        this.limits = limits;
    }

    /** Completes with the answer, or exceptionally with a {@link FetchException}. */
    CompletableFuture<Answer> result() {
        return result;
    }

    /** Sends the request to {@code address}; the whole hop must end within {@code remaining}. */
    synchronized void start(HttpClient http, InetAddress address, Duration remaining) {
        timerId = vertx.setTimer(Math.max(1, remaining.toMillis()), id -> fail(FetchException.transientFailure(
                "the fetch took longer than MINER_MEDIA_TOTAL_TIMEOUT")));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(url.host())
                .setPort(url.port()).setSsl(url.https()).setURI(url.requestUri()).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setConnectTimeout(limits.connect().toMillis()).setIdleTimeout(limits.idle().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT).putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        url.basicAuthorization().ifPresent(auth -> options.putHeader(HttpHeaders.AUTHORIZATION, auth));
        http.request(options).onComplete(connected -> onConnected(connected, address));
    }

    /** Stops the request (the job was stopped); the answer no longer matters. */
    synchronized void cancel() {
        fail(FetchException.transientFailure("the job was stopped"));
    }

    private synchronized void onConnected(AsyncResult<HttpClientRequest> connected, InetAddress address) {
        if (connected.failed()) {
            fail(broken("cannot connect to " + url.host() + " (" + address.getHostAddress() + ")", connected.cause()));
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
            fail(broken("no answer from " + url.shown(), answered.cause()));
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
        long length = contentLength(response);
        if (length > limits.maxBytes()) {
            fail(tooLarge(url.shown() + " is " + length + " bytes"));
            return true;
        }
        long room = limits.room().getAsLong();
        if (length >= 0 ? length > room : room == 0) {
            fail(noRoom());
            return true;
        }
        return false;
    }

    private synchronized void onOpened(AsyncResult<AsyncFile> opened, HttpClientResponse response) {
        if (opened.failed()) {
            fail(FetchException.transientFailure("cannot write the media file: " + describe(opened.cause())));
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
        armIdle();
        response.resume();
    }

    private synchronized void onChunk(Buffer chunk, HttpClientResponse response) {
        if (result.isDone()) {
            return;
        }
        written += chunk.length();
        if (written > limits.maxBytes()) {
            fail(tooLarge(url.shown() + " sent more than " + limits.maxBytes() + " bytes"));
            return;
        }
        if (written >= nextRoomCheck) {
            nextRoomCheck += ROOM_CHECK_BYTES;
            if (limits.room().getAsLong() == 0) {
                fail(noRoom());
                return;
            }
        }
        armIdle();
        file.write(chunk);
        if (file.writeQueueFull()) {
            response.pause();
            file.drainHandler(ignored -> {
                armIdle();
                response.resume();
            });
        }
    }

    private synchronized void onEnd() {
        if (result.isDone()) {
            return;
        }
        file.close().onComplete(closed -> {
            if (closed.succeeded()) {
                complete(new Saved(written));
            } else {
                fail(FetchException.transientFailure("cannot write the media file: " + describe(closed.cause())));
            }
        });
    }

    private synchronized void onBroken(Throwable error) {
        fail(broken("the download from " + url.shown() + " broke off after " + written + " bytes", error));
    }

    private synchronized void complete(Answer answer) {
        if (!result.isDone()) {
            cancelTimer();
            result.complete(answer);
        }
    }

    private void fail(FetchException failure) {
        if (result.isDone()) {
            return;
        }
        cancelTimer();
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(failure);
        if (request != null) {
            request.reset();
        }
        if (file != null) {
            file.close();
        }
    }

    /** The body's own silence timer: the request's idle timeout covers only the wait for the answer's head. */
    private void armIdle() {
        vertx.cancelTimer(idleTimerId);
        idleTimerId = vertx.setTimer(Math.max(1, limits.idle().toMillis()), id -> onSilence());
    }

    private synchronized void onSilence() {
        fail(broken("the download from " + url.shown() + " stalled after " + written + " bytes",
                new TimeoutException()));
    }

    private void cancelTimer() {
        vertx.cancelTimer(timerId);
        vertx.cancelTimer(idleTimerId);
        timerId = -1;
        idleTimerId = -1;
    }

    private FetchException broken(String what, Throwable error) {
        if (error instanceof ConnectTimeoutException) {
            return FetchException.transientFailure(what + ": no connection within "
                    + limits.connect().toMillis() + " ms (MINER_MEDIA_CONNECT_TIMEOUT)");
        }
        if (error instanceof TimeoutException) {
            return FetchException.transientFailure(what + ": silent for " + limits.idle().toMillis()
                    + " ms (MINER_MEDIA_IDLE_TIMEOUT)");
        }
        if (error instanceof SSLException) {
            return FetchException.permanent(what + ": TLS failed: " + describe(error));
        }
        return FetchException.transientFailure(what + ": " + describe(error));
    }

    private FetchException tooLarge(String what) {
        return FetchException.permanent(what + ", more than MINER_MEDIA_MAX_BYTES (" + limits.maxBytes() + ")");
    }

    private static FetchException noRoom() {
        return FetchException.transientFailure("not enough free workspace disk for the media "
                + "(MINER_WORKSPACE_MIN_FREE)");
    }

    private static long contentLength(HttpClientResponse response) {
        try {
            String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An error's class and message, without anything that looks like a query string. */
    static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage().replaceAll("\\?\\S*", "");
        return error.getClass().getSimpleName() + message;
    }
}
