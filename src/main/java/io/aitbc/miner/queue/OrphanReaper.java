package io.aitbc.miner.queue;

/**
 * Kills what a stopped agent left running for a job, before crash recovery runs the job again or fails it. The
 * runner package implements it; the queue only knows the process group id journaled in the job's hash (D9).
 */
public interface OrphanReaper {

    /** Kills the job's process group {@code pgid} if it still exists and still belongs to {@code jobId}. */
    void reap(String jobId, long pgid);
}
