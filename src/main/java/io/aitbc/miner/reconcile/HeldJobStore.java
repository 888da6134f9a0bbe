package io.aitbc.miner.reconcile;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.queue.HeldJobs;

/** What reconciliation reads and settles among the jobs Redis holds (D6); owned here so rounds run against a fake. */
interface HeldJobStore {

    /** The ids held in each state, read before the listing is taken. */
    HeldJobs snapshot();

    /** Whether the outbox entry's last upload was ambiguous (or the entry was found at start-up). */
    boolean ambiguous(String jobId);

    /** The listing shows the job still RUNNING: its upload did not land, send it again. */
    void resend(String jobId);

    /** Two listings no longer show the job: its report landed. Done without resending. */
    void settleLanded(String jobId);

    /** The client cancelled the job: it leaves the queue without a report; whether it was still unfinished. */
    boolean cancel(String jobId);

    /** Sets a held job's deadline to the coordinator's {@code expires_at} (D8). */
    void updateDeadline(String jobId, Instant deadline);

    /** Whether Redis holds the job in any state, reported ones included. */
    boolean known(String jobId);

    /** Takes a listed job whose poll answer was lost into {@code ready}; whether it was new. */
    boolean adopt(String jobId, JsonNode payload, Instant deadline);
}
