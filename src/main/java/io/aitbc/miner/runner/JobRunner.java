package io.aitbc.miner.runner;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;

/**
 * Runs one type of job. Implementations block the calling thread (the scheduler runs each job on a virtual thread),
 * never throw for a job's own failure, and turn every failure into a {@link JobOutcome} with its error code.
 */
public interface JobRunner {

    /** The payload type this runner handles. */
    JobType type();

    /**
     * Runs the job to its one outcome.
     *
     * @throws InterruptedException when the agent stops the job (cancelled by its client, or shutdown); no outcome is
     *         reported then
     */
    JobOutcome run(Job job) throws InterruptedException;
}
