package io.aitbc.miner.coordinator;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The circuit breaker of one endpoint that must not be repeated (poll, {@code /result}, {@code /fail}, D1): over its
 * last {@value #VOLUME} calls, a failure ratio of at least 0.75 opens it for 5 s, during which nothing is sent; then
 * one trial call at a time is let through, and its success closes the circuit while its failure opens it again.
 * Answers that prove the coordinator alive (4xx, 429) count as successes.
 */
final class CircuitBreaker {

    static final int VOLUME = 20;
    static final double FAILURE_RATIO = 0.75;
    static final long OPEN_NANOS = 5_000_000_000L;

    private final LongSupplier nanoClock;
    private final boolean[] window = new boolean[VOLUME];
    private int recorded;
    private int next;
    private int failures;
    private long openUntil;
    private boolean open;
    private boolean trialInFlight;

    CircuitBreaker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go out now; a call let through must end with {@link #record}. */
    synchronized boolean tryPass() {
        if (!open) {
            return true;
        }
        if (nanoClock.getAsLong() - openUntil < 0 || trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    /** Counts how a call that was let through ended. */
    synchronized void record(boolean failed) {
        if (open) {
            trialInFlight = false;
            if (failed) {
                openUntil = nanoClock.getAsLong() + OPEN_NANOS;
            } else {
                close();
            }
            return;
        }
        if (recorded == VOLUME && window[next]) {
            failures--;
        }
        window[next] = failed;
        failures += failed ? 1 : 0;
        next = (next + 1) % VOLUME;
        recorded = Math.min(VOLUME, recorded + 1);
        if (recorded == VOLUME && failures >= FAILURE_RATIO * VOLUME) {
            open = true;
            openUntil = nanoClock.getAsLong() + OPEN_NANOS;
        }
    }

    /** Whether the circuit is open (trial calls included). */
    synchronized boolean isOpen() {
        return open;
    }

    private void close() {
        open = false;
        recorded = 0;
        next = 0;
        failures = 0;
        Arrays.fill(window, false);
    }
}
