package io.aitbc.miner.telemetry;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Liveness of a loop that stamps each iteration (D26): DOWN only when no iteration ran for three of its intervals plus
 * {@link #CALL_ALLOWANCE}, the longest a single coordinator call with its retries and back-off may hold an iteration.
 * So a slow or absent coordinator never makes the agent look dead; only a wedged loop does.
 */
public final class LoopLiveness {

    /** Three 10 s attempts with their retry delays, plus a back-off wait. */
    public static final Duration CALL_ALLOWANCE = Duration.ofSeconds(60);

    private final String name;
    private final Duration limit;
    private final Instant since = Instant.now();

    /**
     * @param name the check's name in the health report
     * @param interval the loop's period
     */
    public LoopLiveness(String name, Duration interval) {
        this.name = name;
        this.limit = interval.multipliedBy(3).plus(CALL_ALLOWANCE);
    }

    /** The check's answer, given when the loop last ran an iteration (or {@code Instant.EPOCH} if never). */
    public HealthCheckResponse check(Instant lastIteration) {
        Instant last = lastIteration.isAfter(since) ? lastIteration : since;
        Duration idle = Duration.between(last, Instant.now());
        boolean up = idle.compareTo(limit) <= 0;
        return HealthCheckResponse.named(name).status(up)
                .withData("reason", up ? "iterating" : "no iteration for " + idle.toSeconds() + " s")
                .withData("last_iteration", last.toString()).withData("limit_seconds", limit.toSeconds()).build();
    }
}
