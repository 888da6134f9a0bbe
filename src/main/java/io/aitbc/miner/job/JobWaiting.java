package io.aitbc.miner.job;

/**
 * A wake-up reached the scheduler for a job waiting in {@code ready} (fired for every wake-up of a job not running
 * here; the first one starts its pickup clock).
 *
 * @param jobId the job
 */
public record JobWaiting(String jobId) {
}
