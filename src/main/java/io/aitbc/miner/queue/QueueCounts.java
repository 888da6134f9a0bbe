package io.aitbc.miner.queue;

import java.util.Map;

import io.aitbc.miner.job.JobState;

/**
 * How many jobs are in each state, read in one round trip.
 *
 * @param byState the length of each state's key
 */
public record QueueCounts(Map<JobState, Long> byState) {

    /** Every job polled, not yet reported and not dead: what heartbeats report as {@code inflight} (D13). */
    public int inflight() {
        return (int) (count(JobState.READY) + count(JobState.DELAYED) + count(JobState.RUNNING)
                + count(JobState.OUTBOX));
    }

    /** The number of jobs in {@code state}. */
    public long count(JobState state) {
        return byState.getOrDefault(state, 0L);
    }
}
