package io.aitbc.miner.job;

/**
 * A job was claimed and starts on a slot.
 *
 * @param jobId the job
 * @param slot the pool of its slot
 */
public record JobStarted(String jobId, SlotKind slot) {
}
