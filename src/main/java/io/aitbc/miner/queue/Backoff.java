package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The retry policy for transient runner errors: exponential backoff with full jitter (a delay drawn uniformly from
 * zero to {@code min(max, base × 2^(attempt−1))}), at most {@code maxAttempts} runs, and never a retry that would start
 * after the job's deadline. Plain code, so the bounds are unit-tested.
 */
final class Backoff {

    private final int maxAttempts;
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /** A policy from configuration, whose ranges {@link RetryConfig#problems} checked at start-up. */
    Backoff(RetryConfig config, DoubleSupplier random) {
        this.maxAttempts = config.maxAttempts();
        this.base = config.baseDelay();
        this.max = config.maxDelay();
        this.random = random;
    }

    /** The ceiling of the delay after run number {@code attempt} (1-based): {@code min(max, base × 2^(attempt−1))}. */
    Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /**
     * When to run again after run number {@code attempt} failed transiently at {@code now}; empty when the attempts
     * are spent or the next run could not start before {@code deadline}.
     */
    Optional<Instant> nextAttempt(int attempt, Instant now, Instant deadline) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long jitter = (long) (random.getAsDouble() * ceiling(attempt).toMillis());
        Instant next = now.plusMillis(jitter);
        return next.isBefore(deadline) ? Optional.of(next) : Optional.empty();
    }
}
