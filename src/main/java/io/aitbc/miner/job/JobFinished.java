package io.aitbc.miner.job;

import java.time.Duration;
import java.util.Optional;

/**
 * A job's one outcome was committed to the outbox.
 *
 * @param jobId the job
 * @param type what its payload asked for
 * @param outcome the committed report, after the result rules
 * @param runTime the job's time in its runner
 * @param firstToken for an inference, the time to the first streamed chunk, as measured where it arrived
 */
public record JobFinished(String jobId, JobType type, JobOutcome outcome, Duration runTime,
        Optional<Duration> firstToken) {
}
