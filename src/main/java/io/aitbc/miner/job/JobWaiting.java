package io.aitbc.miner.job;

/**
 * A CDI event: a wake-up arrived for a job in {@code ready}, which now waits for a slot.
 *
 * @param jobId the job
 */
public record JobWaiting(String jobId) {
}
