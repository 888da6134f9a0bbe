package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** The coordinator's in-memory sliding-window limits, per caller IP and endpoint. Thread-safe. */
final class RateLimiter {

    private final Map<String, Deque<Long>> windows = new HashMap<>();
    private final Map<Endpoint, Integer> limits = new EnumMap<>(Endpoint.class);
    private boolean enabled;
    private long windowNanos;

    RateLimiter(SimulatorOptions options) {
        configure(options.rateLimits(), options.limits(), options.rateWindow());
    }

    synchronized void configure(boolean enabled, Map<Endpoint, Integer> overrides, Duration window) {
        this.enabled = enabled;
        this.windowNanos = window.toNanos();
        limits.clear();
        for (Endpoint e : Endpoint.values()) {
            limits.put(e, overrides.getOrDefault(e, e.defaultLimit()));
        }
        windows.clear();
    }

    /** Counts the call and answers whether it is within the limit. */
    synchronized boolean allow(Endpoint endpoint, String ip) {
        int limit = limits.get(endpoint);
        if (!enabled || limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        Deque<Long> calls = windows.computeIfAbsent(endpoint + "|" + ip, k -> new ArrayDeque<>());
        while (!calls.isEmpty() && now - calls.peekFirst() >= windowNanos) {
            calls.removeFirst();
        }
        if (calls.size() >= limit) {
            return false;
        }
        calls.addLast(now);
        return true;
    }
}
