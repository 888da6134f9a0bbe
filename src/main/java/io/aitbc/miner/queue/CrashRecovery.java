package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;

/**
 * Recovery from a crash: of the agent (jobs a stopped process left {@code running}, outbox entries it may have
 * uploaded before Redis heard) and of Redis (outcomes a restart lost). Each step is one idempotent script per job.
 */
@ApplicationScoped
public class CrashRecovery {

    /** How long a job interrupted by a crash needs at least before its deadline to be run again (D8). */
    static final Duration RERUN_MARGIN = Duration.ofSeconds(60);
    private static final String INTERRUPTED = "E_INTERRUPTED: agent stopped while it ran";

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final Outbox outbox;
    private final OrphanReaper reaper;

    CrashRecovery(QueueStore store, Wakeups wakeups, Outbox outbox, OrphanReaper reaper) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
        this.outbox = outbox;
        this.reaper = reaper;
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
            List<String> fields = store.fields(jobId, JobField.OWNER, JobField.DEADLINE, JobField.PGID);
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
                outbox.commit(jobId, JobOutcome.failure(ErrorCode.E_INTERRUPTED,
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
            if (QueueStore.OWNER.equals(store.fields(jobId, JobField.OWNER).get(0)) && outbox.recommit(jobId)) {
                Log.warnf("Redis lost the outcome of job %s in a restart: committed again, to be reconciled", jobId);
                recommitted++;
            }
        }
        return recommitted;
    }

    /** Marks every outbox entry as possibly sent: a stopped process may have uploaded it before Redis heard (D6). */
    public List<String> suspectOutbox() {
        outbox.upgradeFromList();
        return outbox.suspectAll();
    }

    private void requeue(String jobId, String staleOwner) {
        boolean requeued = store.move(Script.REQUEUE,
                List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.READY)), jobId,
                staleOwner == null ? "" : staleOwner, INTERRUPTED).ok();
        if (requeued) {
            Log.infof("Job %s was interrupted by a stop: queued to run again", jobId);
            wakeups.ready(jobId);
        }
    }
}
