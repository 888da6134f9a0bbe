package io.aitbc.miner.job;

import java.util.Locale;

/**
 * Where a job is in the Redis state machine (decisions D9). The same lowercase words name the Redis keys, metric labels,
 * the admin API and the README.
 */
public enum JobState {
    /** Polled and written to Redis, waiting for a slot. */
    READY,
    /** Waiting for its next attempt after a transient runner error. */
    DELAYED,
    /** Claimed by a runner. */
    RUNNING,
    /** Its outcome is committed and waits for upload. */
    OUTBOX,
    /** Reported to the coordinator (or cancelled by its client). */
    DONE,
    /** Not reported and not reportable automatically; waits for an operator. */
    DEAD;

    /** The lowercase word used in Redis keys and labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
