package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;

/**
 * The transitions off the happy path: local retry (running → delayed → ready), crash recovery of jobs a stopped
 * process left running (D8), cancellation, deadlines from the coordinator's listing, and the outbox entries whose
 * upload is ambiguous (D6). Each is one idempotent script or a single-field write.
 */
@ApplicationScoped
public class JobRecovery {

    /** How long a job interrupted by a crash needs at least before its deadline to be run again (D8). */
    static final Duration RERUN_MARGIN = Duration.ofSeconds(60);
    private static final String PROMOTE_BATCH = "200";

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final RetryQueue queue;
    private final OrphanReaper reaper;

    JobRecovery(QueueStore store, Wakeups wakeups, RetryQueue queue, OrphanReaper reaper) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
        this.queue = queue;
        this.reaper = reaper;
    }

    /** Parks a job that failed transiently until {@code next}; the promoter brings it back to {@code ready}. */
    public void delay(String jobId, Instant next, String lastError) {
        store.run(Script.DELAY, List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.DELAYED)),
                jobId, Long.toString(next.toEpochMilli()), lastError);
    }

    /** Moves every delayed job whose time has come back to {@code ready} and wakes the scheduler for each. */
    public void promoteDue() {
        var due = store.run(Script.PROMOTE, List.of(keys.state(JobState.DELAYED), keys.state(JobState.READY)),
                store.now(), PROMOTE_BATCH, keys.prefix());
        for (int i = 0; i < due.size(); i++) {
            wakeups.ready(due.get(i).toString());
        }
    }

    /**
     * Finishes what a stopped process left in {@code running}: a job whose deadline still allows a run is queued again,
     * any other is failed with {@code E_INTERRUPTED} (D8). Processes the stopped agent left for a job (its journaled
     * {@code pgid}) are killed first. Jobs this process runs are left alone.
     *
     * @return how many jobs were recovered
     */
    public int recoverOrphans() {
        int recovered = 0;
        for (String jobId : store.ids(JobState.RUNNING)) {
            List<String> fields = store.fields(jobId, "owner", "deadline", ProcessGroupJournal.FIELD);
            String owner = fields.get(0);
            if (QueueStore.OWNER.equals(owner)) {
                continue;
            }
            if (fields.get(2) != null) {
                reaper.reap(jobId, Long.parseLong(fields.get(2)));
            }
            long deadline = fields.get(1) == null ? 0 : Long.parseLong(fields.get(1));
            if (store.millis() + RERUN_MARGIN.toMillis() < deadline) {
                requeue(jobId, owner);
            } else {
                Log.infof("Job %s was interrupted and cannot run again before its deadline: failing it", jobId);
                queue.complete(jobId, JobOutcome.failure(ErrorCode.E_INTERRUPTED,
                        "the agent stopped while the job ran and its deadline is too close to run it again"));
            }
            recovered++;
        }
        return recovered;
    }

    /**
     * After a Redis restart: a job this process already completed but that Redis shows {@code running} again (the
     * write was lost) goes back to the outbox with its outcome, so it is reconciled rather than left without a runner.
     *
     * @return how many were committed again
     */
    public int recommitLostOutcomes() {
        int recommitted = 0;
        for (String jobId : store.ids(JobState.RUNNING)) {
            if (QueueStore.OWNER.equals(store.fields(jobId, "owner").get(0)) && queue.recommit(jobId)) {
                Log.warnf("Redis lost the outcome of job %s in a restart: committed again, to be reconciled", jobId);
                recommitted++;
            }
        }
        return recommitted;
    }

    /** Marks every outbox entry as possibly sent: a stopped process may have uploaded it before Redis heard (D6). */
    public List<String> suspectOutbox() {
        List<String> ids = store.ids(JobState.OUTBOX);
        for (String jobId : ids) {
            queue.forgetCached(jobId);
            store.setField(jobId, "upload", "ambiguous");
        }
        return ids;
    }

    /** The ids held in each state that reconciliation looks at, read before the listing is taken. */
    public HeldJobs snapshot() {
        return new HeldJobs(store.ids(JobState.READY), store.ids(JobState.DELAYED), store.ids(JobState.RUNNING),
                store.ids(JobState.OUTBOX));
    }

    /** Whether the outbox entry's last upload was ambiguous (or the entry was found at start-up). */
    public boolean ambiguous(String jobId) {
        return store.fields(jobId, "upload").get(0) != null;
    }

    /** The listing shows the job still RUNNING: its upload did not land, send it again. */
    public void resend(String jobId) {
        store.deleteField(jobId, "upload");
        wakeups.outcome(jobId);
    }

    /** Two listings no longer show the job: its report landed (or it was cancelled). Done without resending. */
    public void settleLanded(String jobId) {
        queue.markReported(jobId, "reconciled", java.util.Optional.empty());
    }

    /** The client cancelled the job: it leaves the queue without a report. */
    public boolean cancel(String jobId) {
        String answer = store.run(Script.CANCEL, List.of(keys.job(jobId), keys.state(JobState.READY),
                keys.state(JobState.DELAYED), keys.state(JobState.RUNNING), keys.state(JobState.DONE)), jobId,
                store.now()).toString();
        boolean cancelled = "OK".equals(answer);
        if (cancelled) {
            store.held().decrementAndGet();
        }
        return cancelled;
    }

    /** Sets a held job's deadline to the coordinator's {@code expires_at} (D8). */
    public void updateDeadline(String jobId, Instant deadline) {
        store.run(Script.DEADLINE, List.of(keys.job(jobId), keys.state(JobState.RUNNING)), jobId,
                Long.toString(deadline.toEpochMilli()));
    }

    /** Whether Redis holds the job in any state, reported ones included. */
    public boolean known(String jobId) {
        return store.known(jobId);
    }

    /** When the job was polled (epoch ms), or 0 when unknown. */
    public long polledAt(String jobId) {
        String value = store.fields(jobId, "polled_at").get(0);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void requeue(String jobId, String staleOwner) {
        String answer = store.run(Script.REQUEUE,
                List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.READY)), jobId,
                staleOwner == null ? "" : staleOwner).toString();
        if ("OK".equals(answer)) {
            Log.infof("Job %s was interrupted by a stop: queued to run again", jobId);
            wakeups.ready(jobId);
        }
    }
}
