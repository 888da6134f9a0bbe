package io.aitbc.miner.job;

/**
 * Runs one type of job: the contract of every runner package, dispatched by {@code runner/RunnerDispatcher}.
 * Implementations block the calling thread (the scheduler runs each job on a virtual thread), never throw for a job's
 * own failure, and turn every failure into an outcome with its error code. They return the raw outcome with their own
 * wall time; billing metrics, billing-key stripping and the size cap are applied by the pipeline, once.
 */
public interface JobRunner {

    /** The payload type this runner handles. */
    JobType type();

    /**
     * Runs the job to its one outcome.
     *
     * @param placement the slot the job holds (its GPU for a {@code slot: gpu} entry)
     * @throws InterruptedException when the agent stops the job (cancelled by its client, or shutdown); no outcome is
     *         reported then
     */
    RawOutcome run(Job job, Placement placement) throws InterruptedException;
}
