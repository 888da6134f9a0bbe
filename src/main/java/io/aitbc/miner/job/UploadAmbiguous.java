package io.aitbc.miner.job;

/**
 * A CDI event: an upload ended without a clear answer (5xx, timeout, reset) and may have landed; the outbox entry is
 * kept, not resent, until reconciliation settles it.
 *
 * @param jobId the job
 */
public record UploadAmbiguous(String jobId) {
}
