package io.aitbc.miner.job;

/**
 * A CDI event: a poll ended without a clear answer and may have assigned a job; reconciliation adopts it.
 *
 * @param status the HTTP status, 0 when no answer came; 500 also means the coordinator may have forgotten this miner
 */
public record PollAmbiguous(int status) {

    /** Whether the coordinator answered 500: an unknown miner, or a coordinator database outage. */
    public boolean serverError() {
        return status == 500;
    }
}
