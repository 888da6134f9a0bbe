package io.aitbc.miner.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;

/**
 * The queue as reconciliation (D6) sees it: the jobs held in each state, whether an outbox entry's upload is
 * ambiguous, and the moves a round makes: resend an upload that did not land, settle one that did, cancel a job its
 * client cancelled, take a deadline from the listing. Adopting a job whose poll answer was lost is
 * {@link RetryQueue#enqueue}.
 */
@ApplicationScoped
public class Custody {

    /** The reason a cancelled job is done with. */
    static final String CANCELLED = "cancelled";

    private final QueueStore store;
    private final QueueKeys keys;
    private final Outbox outbox;

    Custody(QueueStore store, Outbox outbox) {
        this.store = store;
        this.keys = store.keys();
        this.outbox = outbox;
    }

    /** The ids held in each state that reconciliation looks at, read before the listing is taken. */
    public HeldJobs snapshot() {
        return new HeldJobs(store.ids(JobState.READY), store.ids(JobState.DELAYED), store.ids(JobState.RUNNING),
                store.ids(JobState.OUTBOX));
    }

    /** Whether the outbox entry's last upload was ambiguous (or the entry was found at start-up). */
    public boolean ambiguous(String jobId) {
        return outbox.isAmbiguous(jobId);
    }

    /** The listing shows the job still RUNNING: its upload did not land, send it again. */
    public void resend(String jobId) {
        outbox.resend(jobId);
    }

    /** Two listings no longer show the job: its report landed (or it was cancelled). Done without resending. */
    public void settleLanded(String jobId) {
        outbox.reported(jobId, "reconciled", Optional.empty());
    }

    /** The client cancelled the job: it leaves the queue without a report; false when it was not ready, delayed or running. */
    public boolean cancel(String jobId) {
        long now = store.millis();
        return store.move(Script.CANCEL,
                List.of(keys.job(jobId), keys.state(JobState.READY), keys.state(JobState.DELAYED),
                        keys.state(JobState.RUNNING), keys.state(JobState.DONE), keys.totals(),
                        keys.bucket(Buckets.hour(now))),
                jobId, Long.toString(now), CANCELLED, Buckets.LIFETIME_MS).ok();
    }

    /** Sets a held job's deadline to the coordinator's {@code expires_at} (D8). */
    public void updateDeadline(String jobId, Instant deadline) {
        store.move(Script.DEADLINE, List.of(keys.job(jobId), keys.state(JobState.RUNNING)), jobId,
                Long.toString(deadline.toEpochMilli()));
    }

    /** Whether Redis holds the job in any state, reported ones included. */
    public boolean known(String jobId) {
        return store.known(jobId);
    }
}
