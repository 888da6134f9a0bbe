package io.aitbc.miner.coordinator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the agent under the coordinator's per-endpoint sliding 60 s windows and honours {@code Retry-After}: after a
 * 429, nothing goes to that endpoint before the time has passed. Callers block (on virtual threads) until a request
 * may leave.
 */
final class RateLimiter {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final boolean windowsEnabled;
    private final LongSupplier nanoClock;
    private final Map<Endpoint, ArrayDeque<Long>> sent = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Long> blockedUntil = new EnumMap<>(Endpoint.class);

    RateLimiter(boolean windowsEnabled, LongSupplier nanoClock) {
        this.windowsEnabled = windowsEnabled;
        this.nanoClock = nanoClock;
    }

    /** Waits until a request to {@code endpoint} is allowed, then counts it as sent. */
    void acquire(Endpoint endpoint) throws InterruptedException {
        long wait;
        while ((wait = tryAcquire(endpoint)) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Counts a request and answers 0 when one may leave now, else how many nanoseconds to wait first. */
    synchronized long tryAcquire(Endpoint endpoint) {
        long now = nanoClock.getAsLong();
        long blocked = blockedUntil.getOrDefault(endpoint, now) - now;
        if (blocked > 0) {
            return blocked;
        }
        ArrayDeque<Long> times = sent.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
            times.pollFirst();
        }
        if (windowsEnabled && times.size() >= endpoint.limitPerMinute()) {
            return Math.max(1, WINDOW_NANOS - (now - times.peekFirst()));
        }
        times.addLast(now);
        return 0;
    }

    /** Holds every request to {@code endpoint} for {@code retryAfter}, from now. */
    synchronized void blockFor(Endpoint endpoint, Duration retryAfter) {
        long until = nanoClock.getAsLong() + retryAfter.toNanos();
        blockedUntil.merge(endpoint, until, Math::max);
    }

    /** How long requests to {@code endpoint} are still held by a {@code Retry-After}; zero when none. */
    synchronized Duration heldFor(Endpoint endpoint) {
        Long until = blockedUntil.get(endpoint);
        long left = until == null ? 0 : until - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
