package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobReported;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;

/**
 * The outbox: committed outcomes waiting for upload, a sorted set scored by each entry's next upload, which the
 * {@link QueueClock} honours. The uploader's backoff is written here ({@link #postpone}) and honoured again when the
 * uploader is woken ({@link #pending}), so an entry is never sent before its time, whoever wakes it. The outcomes
 * committed lately are also kept in memory, to be uploaded without a read and to be committed again should a Redis
 * restart lose them ({@link CommittedOutcomes}).
 */
@ApplicationScoped
class Outbox {

    /** The value of the {@code upload} field while reconciliation decides (D6). */
    static final String AMBIGUOUS = "ambiguous";
    /** The outcome the lasting totals count for a report the coordinator answered 404 to. */
    static final String NOT_FOUND = "not_found";

    /** An outcome waiting for upload, and the time before which it must not go ({@code upload_after}). */
    private record Pending(JobOutcome outcome, long notBefore) {
    }

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final QueueClock clock;
    private final Map<String, Pending> cached = new ConcurrentHashMap<>();
    private final CommittedOutcomes committed = new CommittedOutcomes(System::nanoTime);

    Outbox(QueueStore store, Wakeups wakeups, QueueClock clock) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /** Commits a job's one outcome before any upload and wakes the uploader; false when the job left running. */
    boolean commit(String jobId, JobOutcome outcome) {
        String body = outcome.body().toString();
        long now = store.millis();
        ScriptAnswer answer = store.move(Script.COMPLETE, completeKeys(jobId), completeArguments(jobId,
                outcome.report().name(), code(outcome), body, Long.toString(now),
                Long.toString(QueueClock.lookAgain(now)), "", Bill.of(outcome.body())));
        if (answer.verdict() == ScriptAnswer.Verdict.REFUSED) {
            Log.infof("Job %s finished in state %s (cancelled meanwhile?): its outcome is not kept", jobId,
                    answer.stateWord());
            return false;
        }
        cached.put(jobId, new Pending(outcome, 0));
        committed.remember(jobId, outcome.report().name(), code(outcome), body);
        clock.dueAt(QueueClock.lookAgain(now));
        wakeups.outcome(jobId);
        return true;
    }

    /**
     * Commits again an outcome Redis lost in a restart, marked ambiguous in the same script: its report may already
     * have been uploaded, so reconciliation decides before anything is sent (D6). Nobody is woken.
     */
    boolean recommit(String jobId) {
        Optional<CommittedOutcomes.Committed> outcome = committed.of(jobId);
        if (outcome.isEmpty()) {
            return false;
        }
        CommittedOutcomes.Committed lost = outcome.get();
        return store.move(Script.COMPLETE, completeKeys(jobId), completeArguments(jobId, lost.report(),
                lost.errorCode(), lost.body(), store.now(), "+inf", AMBIGUOUS, Bill.of(store.tree(lost.body())))).ok();
    }

    /** The outcome to upload now; empty when the job left the outbox, waits for reconciliation or is not due yet. */
    Optional<JobOutcome> pending(String jobId) {
        Pending pending = cached.get(jobId);
        if (pending == null) {
            List<String> fields = store.fields(jobId, JobField.STATE, JobField.REPORT, JobField.ERROR_CODE,
                    JobField.OUTCOME, JobField.UPLOAD, JobField.UPLOAD_AFTER);
            if (!JobState.OUTBOX.label().equals(fields.get(0)) || fields.get(4) != null || fields.get(3) == null) {
                return Optional.empty();
            }
            String code = fields.get(2);
            pending = new Pending(new JobOutcome(JobOutcome.Report.valueOf(fields.get(1)),
                    code == null || code.isEmpty() ? null : ErrorCode.valueOf(code),
                    (ObjectNode) store.tree(fields.get(3))), fields.get(5) == null ? 0 : Long.parseLong(fields.get(5)));
            cached.put(jobId, pending);
        }
        return pending.notBefore() > store.millis() ? Optional.empty() : Optional.of(pending.outcome());
    }

    /** Not uploaded again before {@code delay} has passed; the clock wakes the uploader then. */
    void postpone(String jobId, Duration delay) {
        long at = store.millis() + delay.toMillis();
        if (store.move(Script.POSTPONE, entryKeys(jobId), jobId, Long.toString(at)).ok()) {
            cached.computeIfPresent(jobId, (id, pending) -> new Pending(pending.outcome(), at));
            clock.dueAt(at);
        }
    }

    /**
     * Moves a reported job to {@code done}, keeping its receipt, and counts it in the lasting totals (D45): a report
     * the coordinator no longer wanted ({@code job_not_found}) as {@code not_found}, any other by its report and code,
     * with its bill when it is a result.
     */
    void reported(String jobId, String reason, Optional<StoredReceipt> receipt) {
        String receiptId = receipt.map(StoredReceipt::id).orElse("");
        long now = store.millis();
        store.move(Script.REPORT,
                List.of(keys.job(jobId), keys.state(JobState.OUTBOX), keys.state(JobState.DONE), keys.receipts(),
                        keys.receipt(receiptId.isEmpty() ? jobId : receiptId), keys.totals(),
                        keys.bucket(Buckets.hour(now))),
                jobId, reason, Long.toString(now), receipt.map(StoredReceipt::json).orElse(""), receiptId,
                receipt.map(StoredReceipt::verified).orElse("unchecked"),
                JobReported.JOB_NOT_FOUND.equals(reason) ? NOT_FOUND : "",
                receipt.flatMap(StoredReceipt::price).map(p -> Long.toString(Bill.micro(p))).orElse(""),
                Buckets.LIFETIME_MS);
        cached.remove(jobId);
    }

    /** Replaces the outcome waiting for upload, e.g. a refused result by its failure (D7). */
    void replace(String jobId, JobOutcome outcome) {
        store.move(Script.AMEND, List.of(keys.job(jobId)), outcome.report().name(), code(outcome),
                outcome.body().toString());
        cached.computeIfPresent(jobId, (id, pending) -> new Pending(outcome, pending.notBefore()));
    }

    /** Moves an entry the coordinator refuses for good to {@code dead}, for an operator (D10). */
    void bury(String jobId, String reason) {
        store.move(Script.BURY, List.of(keys.job(jobId), keys.state(JobState.OUTBOX), keys.state(JobState.DEAD)),
                jobId, reason, store.now());
        cached.remove(jobId);
    }

    /** Marks an entry whose upload may have landed: only reconciliation resends or settles it (D6). */
    void ambiguous(String jobId) {
        cached.remove(jobId);
        store.move(Script.AMBIGUOUS, entryKeys(jobId), jobId, AMBIGUOUS);
    }

    /**
     * Turns an outbox left as a list by an agent from before the queue's one clock into the sorted set, every entry due
     * now; a no-op on the current layout. Runs first at start-up, before anything reads the outbox.
     */
    void upgradeFromList() {
        if (store.move(Script.UPGRADE, List.of(keys.state(JobState.OUTBOX)), store.now()).ok()) {
            Log.info("The outbox of an earlier agent version was a list: it is now the sorted set, every entry due");
        }
    }

    /** Marks every entry as possibly sent (a stopped process or a lost write may have uploaded it); answers them. */
    List<String> suspectAll() {
        List<String> ids = store.ids(JobState.OUTBOX);
        ids.forEach(this::ambiguous);
        return ids;
    }

    /** Whether the entry's last upload was ambiguous (or the entry was found at start-up). */
    boolean isAmbiguous(String jobId) {
        return store.fields(jobId, JobField.UPLOAD).get(0) != null;
    }

    /** Sends an ambiguous entry again now: reconciliation saw that its upload did not land. */
    void resend(String jobId) {
        long now = store.millis();
        if (store.move(Script.RESEND, entryKeys(jobId), jobId, Long.toString(QueueClock.lookAgain(now))).ok()) {
            clock.dueAt(QueueClock.lookAgain(now));
            wakeups.outcome(jobId);
        }
    }

    private static String[] completeArguments(String jobId, String report, String code, String body, String now,
            String score, String upload, Optional<Bill> bill) {
        List<String> arguments = new ArrayList<>(List.of(jobId, report, code, body, now, score, upload));
        arguments.addAll(List.of(Bill.arguments(bill)));
        return arguments.toArray(String[]::new);
    }

    private List<String> completeKeys(String jobId) {
        return List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX));
    }

    private List<String> entryKeys(String jobId) {
        return List.of(keys.job(jobId), keys.state(JobState.OUTBOX));
    }

    static String code(JobOutcome outcome) {
        return outcome.errorCode() == null ? "" : outcome.errorCode().name();
    }
}
