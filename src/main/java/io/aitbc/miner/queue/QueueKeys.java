package io.aitbc.miner.queue;

import io.aitbc.miner.job.JobState;

/**
 * The Redis keys of one miner (decisions D9): every key shares the hash tag {@code {<miner id>}}, so one script may
 * touch all of them.
 */
final class QueueKeys {

    private final String prefix;

    QueueKeys(String minerId) {
        this.prefix = "miner:{" + minerId + "}:";
    }

    String prefix() {
        return prefix;
    }

    String state(JobState state) {
        return prefix + state.label();
    }

    String job(String jobId) {
        return prefix + "job:" + jobId;
    }

    String receipts() {
        return prefix + "receipts";
    }

    String receipt(String receiptId) {
        return prefix + "receipt:" + receiptId;
    }
}
