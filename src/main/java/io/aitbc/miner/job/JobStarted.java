package io.aitbc.miner.job;

import java.util.Optional;

/**
 * A CDI event: a claimed job left {@code ready} for its runner.
 *
 * @param jobId the job
 * @param slot the pool of the slot it holds; empty for a job that needs none (it fails at once)
 */
public record JobStarted(String jobId, Optional<SlotKind> slot) {
}
