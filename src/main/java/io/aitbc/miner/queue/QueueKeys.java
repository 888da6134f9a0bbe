package io.aitbc.miner.queue;

import java.util.List;

import io.aitbc.miner.job.JobState;

/**
 * The Redis keys of one miner (decisions D9), the only place their names are made: every key shares the hash tag
 * {@code {<miner id>}}, so one script may touch all of them, and each is passed to the scripts in {@code KEYS}, so Lua
 * never builds a name. Which states are lists and which are sorted sets is decided here too.
 */
final class QueueKeys {

    private final String prefix;

    QueueKeys(String minerId) {
        this.prefix = "miner:{" + minerId + "}:";
    }

    /**
     * Whether the state's key is a sorted set scored by a time (the next attempt, the deadline, the next upload, the
     * report time) rather than a list in arrival order ({@code ready}, {@code dead}).
     */
    static boolean sorted(JobState state) {
        return switch (state) {
            case READY, DEAD -> false;
            case DELAYED, RUNNING, OUTBOX, DONE -> true;
        };
    }

    String state(JobState state) {
        return prefix + state.label();
    }

    String job(String jobId) {
        return prefix + "job:" + jobId;
    }

    List<String> jobs(List<String> jobIds) {
        return jobIds.stream().map(this::job).toList();
    }

    String receipts() {
        return prefix + "receipts";
    }

    String receipt(String receiptId) {
        return prefix + "receipt:" + receiptId;
    }

    List<String> receipts(List<String> receiptIds) {
        return receiptIds.stream().map(this::receipt).toList();
    }

    /** The lasting totals (D45). */
    String totals() {
        return prefix + "totals";
    }

    /** The totals of one hour, {@code hour} counted in hours since the epoch. */
    String bucket(long hour) {
        return prefix + "totals:" + hour;
    }
}
