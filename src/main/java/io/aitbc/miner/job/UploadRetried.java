package io.aitbc.miner.job;

import java.time.Duration;

/**
 * A CDI event: an upload is scheduled again (429, 401/403, coordinator away, Redis away, a replaced outcome).
 *
 * @param jobId the job
 * @param delay how long until the next attempt
 */
public record UploadRetried(String jobId, Duration delay) {
}
