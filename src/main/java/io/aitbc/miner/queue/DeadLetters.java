package io.aitbc.miner.queue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;

/**
 * What an operator may do with a {@code dead} job (D10): retry it (its stored report goes back to the outbox, a job
 * without one back to {@code ready}) or drop it (it is reported with {@code /fail}
 * {@code E_INTERNAL: dropped by operator}). The uploader or the scheduler is woken at once; a reported job is in
 * {@code done} and cannot be retried.
 */
@ApplicationScoped
public class DeadLetters {

    /** The message of the failure a dropped job is reported with. */
    public static final String DROPPED = "dropped by operator";

    /** Where a revived job went, or why it could not be. */
    public enum Revived {
        /** Back in {@code ready}: it runs again. */
        READY,
        /** Back in the {@code outbox}: its report is sent again. */
        OUTBOX,
        /** The job is not in {@code dead} (or unknown). */
        NOT_DEAD
    }

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final QueueClock clock;

    DeadLetters(QueueStore store, Wakeups wakeups, QueueClock clock) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /** Re-queues the run or the report of a dead job. */
    public Revived retry(String jobId) {
        return revive(jobId, "retry", "", "", "");
    }

    /** Reports a dead job to the coordinator as failed by the operator. */
    public Revived drop(String jobId) {
        JobOutcome failure = JobOutcome.failure(ErrorCode.E_INTERNAL, DROPPED);
        return revive(jobId, "drop", failure.report().name(), failure.errorCode().name(), failure.body().toString());
    }

    private Revived revive(String jobId, String how, String report, String code, String body) {
        long now = store.millis();
        ScriptAnswer answer = store.move(Script.REVIVE,
                List.of(keys.job(jobId), keys.state(JobState.DEAD), keys.state(JobState.READY),
                        keys.state(JobState.OUTBOX)),
                jobId, how, report, code, body, Long.toString(now), Long.toString(QueueClock.lookAgain(now)));
        if (!answer.ok()) {
            return Revived.NOT_DEAD;
        }
        if (answer.state().orElseThrow() == JobState.READY) {
            wakeups.ready(jobId);
            return Revived.READY;
        }
        clock.dueAt(QueueClock.lookAgain(now));
        wakeups.outcome(jobId);
        return Revived.OUTBOX;
    }
}
