package io.aitbc.miner.fetch;

import java.time.Duration;

import io.vertx.core.Vertx;

/**
 * One re-armable Vert.x timer for a streaming HTTP call: armed with a delay, armed again on progress, cancelled when the
 * call ends. The fetch, the Whisper call and the inference streams use it for their first-byte (first-token), idle and
 * total limits. Not synchronised: it is used under its call's lock.
 */
public final class Watchdog {

    private final Vertx vertx;
    private final Runnable onExpiry;
    private long timerId = -1;

    /** @param onExpiry what to do when an armed delay passes without {@link #arm} or {@link #cancel} */
    public Watchdog(Vertx vertx, Runnable onExpiry) {
        this.vertx = vertx;
        this.onExpiry = onExpiry;
    }

    /** Fires after {@code delay} (at least 1 ms) unless armed again or cancelled first. */
    public void arm(Duration delay) {
        cancel();
        timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> onExpiry.run());
    }

    /** Stops the timer. */
    public void cancel() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
