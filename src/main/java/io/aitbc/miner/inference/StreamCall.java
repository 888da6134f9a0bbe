package io.aitbc.miner.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.aitbc.miner.fetch.Watchdog;
import io.aitbc.miner.job.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One streaming generation call to an inference server, the part both backends share: sending once connected, the
 * first-token and idle timeouts on Vert.x timers (a stream with no token for the idle timeout is hung, D44), cancelling
 * by resetting the request (the server stops generating), and a result completed once, by the first reason. A
 * subclass reads its server's response and calls {@link #chunkArrived()}, {@link #complete} and {@link #fail}.
 * Callbacks run on the event loop and {@link #cancel()} on the job's thread, so every entry point is synchronised on
 * the call.
 *
 * @param <T> what a finished stream completes with
 */
public abstract class StreamCall<T> {

    private static final int TEXT_MAX = 300;

    private final String server;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private HttpClientRequest request;
    private final Watchdog timer;
    /** When the first chunk arrived, in nanoseconds after the request; -1 until then. */
    private long firstChunkNanos = -1;

    /**
     * @param server how messages name the server ({@code Ollama}, {@code the OpenAI-compatible server})
     */
    protected StreamCall(Vertx vertx, String server, Duration firstTokenTimeout, Duration idleTimeout) {
        this.timer = new Watchdog(vertx, this::onTimeout);
        this.server = server;
        this.firstTokenTimeout = firstTokenTimeout;
        this.idleTimeout = idleTimeout;
        timer.arm(firstTokenTimeout);
    }

    /** Completes with the generation, or exceptionally with an {@link InferenceException}. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Sends the body once the connection is there; resets at once when the job was cancelled meanwhile. */
    public synchronized void send(AsyncResult<HttpClientRequest> connected, Buffer body) {
        if (connected.failed()) {
            fail(ErrorCode.E_RUNNER, server + " is unreachable: " + describe(connected.cause()));
            return;
        }
        request = connected.result();
        if (result.isDone()) {
            request.reset();
            return;
        }
        request.response(response -> {
            if (response.succeeded()) {
                onResponse(response.result());
            } else {
                fail(ErrorCode.E_RUNNER, "connection to " + server + " failed: " + describe(response.cause()));
            }
        });
        request.end(body);
    }

    /** Stops the call: the HTTP request is reset, which closes the stream, so the server stops generating. */
    public synchronized void cancel() {
        fail(ErrorCode.E_INTERRUPTED, "job stopped by the agent");
    }

    /** The server's answer arrived: read its status and stream (synchronised, as every entry point). */
    protected abstract void onResponse(HttpClientResponse response);

    /** A chunk with data arrived: the first one is timed, and the idle timeout starts again. */
    protected final void chunkArrived() {
        if (firstChunkNanos < 0) {
            firstChunkNanos = System.nanoTime() - startNanos;
        }
        timer.arm(idleTimeout);
    }

    /** Whether the result is settled (a late chunk or handler then changes nothing). */
    protected final boolean settled() {
        return result.isDone();
    }

    /** Nanoseconds from the request to the first chunk; -1 before it. */
    protected final long firstChunkNanos() {
        return firstChunkNanos;
    }

    /** Nanoseconds since the request. */
    protected final long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** The stream finished: the timer stops and the result completes, unless a failure came first. */
    protected final void complete(T value) {
        timer.cancel();
        result.complete(value);
    }

    /** Fails the call once (later reasons change nothing) and resets the request. */
    protected final void fail(ErrorCode code, String message) {
        if (result.isDone()) {
            return;
        }
        timer.cancel();
        Log.debugf("Generation on %s failed: %s %s", server, code, message);
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(new InferenceException(code, message));
        if (request != null) {
            request.reset();
        }
    }

    /** A server's error text, cut short (it never holds the prompt in full). */
    public static String cut(String text) {
        return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX) + "...";
    }

    /** An I/O failure as a short message: its type and its cut message. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + cut(message));
    }

    private synchronized void onTimeout() {
        if (firstChunkNanos >= 0) {
            // progress, not wall time, judges a generation (D44): a stream without a token is hung
            fail(ErrorCode.E_TIMEOUT, "stalled after " + idleTimeout.toMillis() + " ms without a token from " + server
                    + " (MINER_INFERENCE_IDLE_TIMEOUT)");
        } else {
            fail(ErrorCode.E_RUNNER, "no answer from " + server + " within " + firstTokenTimeout.toMillis()
                    + " ms (MINER_INFERENCE_FIRST_TOKEN_TIMEOUT)");
        }
    }

}
