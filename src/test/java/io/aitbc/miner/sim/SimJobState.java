package io.aitbc.miner.sim;

/** The coordinator's job states. */
public enum SimJobState {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED,
    EXPIRED
}
