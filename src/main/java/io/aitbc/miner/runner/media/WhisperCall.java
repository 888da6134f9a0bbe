package io.aitbc.miner.runner.media;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.aitbc.miner.fetch.Watchdog;
import io.aitbc.miner.job.ErrorCode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One multipart upload to the Whisper service and its answer, with the timeouts of D14 applied to it: the first byte
 * of the answer within {@code MINER_WHISPER_FIRST_BYTE_TIMEOUT} of the request (the services answer once the whole
 * file is transcribed), then no pause longer than {@code MINER_WHISPER_IDLE_TIMEOUT}. The file streams from disk with
 * back-pressure. Completes with a 200 answer's body, or exceptionally with a {@link WhisperException}. Callbacks run
 * on the event loop and {@link #cancel()} on the job's thread, so every entry point is synchronised.
 */
final class WhisperCall {

    /** The largest answer read (a long file's segments); more is an error. */
    static final int ANSWER_MAX = 32 << 20;

    private final WhisperApi api;
    private final Duration firstByte;
    private final Duration idle;
    private final CompletableFuture<Buffer> result = new CompletableFuture<>();
    private final Buffer body = Buffer.buffer();
    private HttpClientRequest request;
    private AsyncFile file;
    private int status;
    private final Watchdog timer;

    WhisperCall(Vertx vertx, WhisperApi api, Duration firstByte, Duration idle) {
        this.api = api;
        this.firstByte = firstByte;
        this.idle = idle;
        this.timer = new Watchdog(vertx, this::onTimeout);
        timer.arm(firstByte);
    }

    CompletableFuture<Buffer> result() {
        return result;
    }

    /** Sends {@code head}, the file, then {@code tail} once connected. */
    synchronized void send(AsyncResult<HttpClientRequest> connected, Buffer head, AsyncFile media, Buffer tail) {
        file = media;
        if (result.isDone() && connected.succeeded()) {
            connected.result().reset();
        }
        if (result.isDone()) {
            closeFile();
            return;
        }
        if (connected.failed()) {
            fail(ErrorCode.E_RUNNER, "the Whisper service is unreachable: " + describe(connected.cause()));
            return;
        }
        request = connected.result();
        request.response().onComplete(this::onResponse);
        request.write(head);
        media.pipe().endOnComplete(false).to(request).onComplete(piped -> onUploaded(piped, tail));
    }

    private synchronized void onUploaded(AsyncResult<Void> piped, Buffer tail) {
        if (result.isDone()) {
            return;
        }
        if (piped.succeeded()) {
            request.end(tail);
        } else {
            fail(ErrorCode.E_RUNNER, "the upload to the Whisper service broke: " + describe(piped.cause()));
        }
    }

    /** Stops the call; the request is reset so the service can stop. */
    synchronized void cancel() {
        fail(ErrorCode.E_INTERRUPTED, "job stopped by the agent");
    }

    private synchronized void onResponse(AsyncResult<HttpClientResponse> answered) {
        if (answered.failed()) {
            fail(ErrorCode.E_RUNNER, "no answer from the Whisper service: " + describe(answered.cause()));
            return;
        }
        HttpClientResponse response = answered.result();
        status = response.statusCode();
        timer.arm(idle);
        response.handler(this::onChunk);
        response.exceptionHandler(error -> onBroken(error));
        response.endHandler(ignored -> onEnd());
    }

    private synchronized void onChunk(Buffer chunk) {
        if (result.isDone()) {
            return;
        }
        timer.arm(idle);
        if (body.length() + chunk.length() > ANSWER_MAX) {
            fail(ErrorCode.E_RUNNER, "the Whisper service's answer is larger than " + ANSWER_MAX + " bytes");
            return;
        }
        body.appendBuffer(chunk);
    }

    private synchronized void onBroken(Throwable error) {
        fail(ErrorCode.E_RUNNER, "the answer of the Whisper service broke off: " + describe(error));
    }

    private synchronized void onEnd() {
        if (result.isDone()) {
            return;
        }
        if (status == 200) {
            timer.cancel();
            closeFile();
            result.complete(body);
            return;
        }
        String error = api.errorText(WhisperClient.json(body), body.toString());
        if (status >= 500 || status == 408 || status == 429) {
            fail(ErrorCode.E_RUNNER, "the Whisper service answered HTTP " + status + ": " + error);
        } else {
            fail(ErrorCode.E_BADJOB, "the Whisper service refused the request with HTTP " + status + ": " + error);
        }
    }

    private synchronized void onTimeout() {
        fail(ErrorCode.E_RUNNER, status == 0
                ? "no answer from the Whisper service within " + firstByte.toMillis()
                        + " ms (MINER_WHISPER_FIRST_BYTE_TIMEOUT)"
                : "the Whisper service stalled: nothing for " + idle.toMillis() + " ms (MINER_WHISPER_IDLE_TIMEOUT)");
    }

    private void fail(ErrorCode code, String message) {
        if (result.isDone()) {
            return;
        }
        timer.cancel();
        // completed first: the reset below calls the handlers again, and the first reason must win
        result.completeExceptionally(new WhisperException(code, message));
        if (request != null) {
            request.reset();
        }
        closeFile();
    }

    private void closeFile() {
        if (file != null) {
            file.close();
        }
    }

    static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
