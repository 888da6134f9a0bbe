package io.aitbc.miner.queue;

import java.time.Duration;

/** The hourly buckets of the lasting totals (D45): each expires {@link #KEPT} after its last count, so they stay bounded. */
final class Buckets {

    /** How long a bucket outlives its last count. */
    static final Duration KEPT = Duration.ofDays(8);
    /** {@link #KEPT} as the scripts take it. */
    static final String LIFETIME_MS = Long.toString(KEPT.toMillis());
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private Buckets() {
    }

    /** The bucket of an instant (epoch ms): hours since the epoch. */
    static long hour(long epochMillis) {
        return Math.floorDiv(epochMillis, HOUR_MS);
    }

    /** The first instant of a bucket (epoch ms). */
    static long start(long hour) {
        return hour * HOUR_MS;
    }
}
