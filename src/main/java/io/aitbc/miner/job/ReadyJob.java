package io.aitbc.miner.job;

/**
 * The wake-up on {@link Channels#JOBS_READY}: a job waiting in {@code ready}, with the slot need stored with it, so
 * the scheduler admits it without reading Redis (D12, D13).
 *
 * @param jobId the job
 * @param need the slot it needs
 */
public record ReadyJob(String jobId, SlotNeed need) {
}
