package io.aitbc.miner.job;

import java.time.Duration;
import java.util.Optional;

/**
 * A CDI event: a job's outcome was committed to the outbox.
 *
 * @param jobId the job
 * @param type what its payload asked for
 * @param outcome the report as committed (after the result size cap)
 * @param runTime the runner's wall time
 * @param firstToken for a generation, the time from the request to its first chunk
 */
public record JobFinished(String jobId, JobType type, JobOutcome outcome, Duration runTime,
        Optional<Duration> firstToken) {
}
