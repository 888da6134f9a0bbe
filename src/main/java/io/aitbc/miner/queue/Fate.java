package io.aitbc.miner.queue;

/** What {@link RetryQueue#finish} made of a run. */
public enum Fate {
    /** A transient failure: the job waits in {@code delayed} for another run. */
    RETRIED,
    /** The outcome is committed to the outbox, to be uploaded. */
    COMMITTED,
    /** The job left {@code running} meanwhile (its client cancelled it): the outcome is not kept. */
    DISCARDED
}
