package io.aitbc.miner.job;

/**
 * Names of the in-memory Reactive Messaging channels. They carry wake-ups (job ids, with a ready job's slot need),
 * never custody: a job is in Redis before any channel hears of it (decisions D12).
 */
public final class Channels {

    /** Jobs waiting in the {@code ready} list, as {@link ReadyJob}s; consumed by the slot scheduler. */
    public static final String JOBS_READY = "jobs-ready";

    /** Ids of jobs whose outcome waits in the {@code outbox}; consumed by the result uploader. */
    public static final String JOB_OUTCOMES = "job-outcomes";

    private Channels() {
    }
}
