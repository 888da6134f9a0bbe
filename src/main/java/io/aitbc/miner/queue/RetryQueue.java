package io.aitbc.miner.queue;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;
import io.vertx.mutiny.redis.client.Response;

/**
 * The durable job state in Redis and the transitions of the happy path: polled → ready → running → outbox → done (D9,
 * D11), one idempotent script each, four round trips per job. A transition is acknowledged by Redis before any channel
 * hears of the job (D12). Callers run on virtual or worker threads, never on the event loop; Redis failures surface as
 * {@link QueueUnavailableException} so the caller keeps the job in memory and tries again ({@link Durably}).
 */
@ApplicationScoped
public class RetryQueue {

    static final int RECEIPT_CAP = 10_000;

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final Map<String, JobOutcome> outbox = new ConcurrentHashMap<>();
    private final CommittedOutcomes committed = new CommittedOutcomes(System::nanoTime);

    RetryQueue(QueueStore store, Wakeups wakeups) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
    }

    /** Stores a polled (or adopted) job in {@code ready} and wakes the scheduler; false when Redis already knew it. */
    public boolean enqueue(String jobId, JsonNode payload, JsonNode constraints, Instant deadline) {
        String answer = store.run(Script.ENQUEUE, List.of(keys.job(jobId), keys.state(JobState.READY)), jobId,
                payload.toString(), constraints.toString(), Long.toString(deadline.toEpochMilli()), store.now())
                .toString();
        boolean added = "OK".equals(answer);
        if (added) {
            store.held().incrementAndGet();
            wakeups.ready(jobId);
        }
        return added;
    }

    /** Moves a ready job to {@code running} for this process; empty when another consumer or state has it. */
    public Optional<Job> claim(String jobId) {
        Response answer = store.run(Script.CLAIM,
                List.of(keys.job(jobId), keys.state(JobState.READY), keys.state(JobState.RUNNING)), jobId,
                Long.toString(ProcessHandle.current().pid()), store.now(), QueueStore.OWNER);
        if (!"OK".equals(answer.get(0).toString())) {
            return Optional.empty();
        }
        return Optional.of(new Job(jobId, store.tree(answer.get(1).toString()), store.tree(answer.get(2).toString()),
                Instant.ofEpochMilli(answer.get(3).toLong()), answer.get(4).toInteger()));
    }

    /** Commits a job's one outcome to the {@code outbox} before any upload, then wakes the uploader. */
    public void complete(String jobId, JobOutcome outcome) {
        String body = outcome.body().toString();
        String answer = store.run(Script.COMPLETE,
                List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX)), jobId,
                outcome.report().name(), code(outcome), body, store.now()).toString();
        if (answer.startsWith("STATE:")) {
            Log.infof("Job %s finished in state %s (cancelled meanwhile?): its outcome is not kept", jobId,
                    answer.substring(6));
            return;
        }
        outbox.put(jobId, outcome);
        committed.remember(jobId, outcome.report().name(), code(outcome), body);
        wakeups.outcome(jobId);
    }

    /**
     * Commits again an outcome Redis lost in a restart, marked ambiguous in the same script: its report may already
     * have been uploaded, so reconciliation decides before anything is sent (D6). Nobody is woken.
     *
     * @return whether the job was in {@code running} and went back to the outbox
     */
    boolean recommit(String jobId) {
        Optional<CommittedOutcomes.Committed> outcome = committed.of(jobId);
        if (outcome.isEmpty()) {
            return false;
        }
        String answer = store.run(Script.COMPLETE,
                List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX)), jobId,
                outcome.get().report(), outcome.get().errorCode(), outcome.get().body(), store.now(), "ambiguous")
                .toString();
        return "OK".equals(answer);
    }

    /** The outcome waiting for upload, unless the job left the outbox or its last upload was ambiguous. */
    public Optional<JobOutcome> pendingOutcome(String jobId) {
        JobOutcome cached = outbox.get(jobId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<String> fields = store.fields(jobId, "state", "report", "error_code", "outcome", "upload");
        if (!"outbox".equals(fields.get(0)) || fields.get(4) != null || fields.get(3) == null) {
            return Optional.empty();
        }
        String code = fields.get(2);
        JobOutcome outcome = new JobOutcome(JobOutcome.Report.valueOf(fields.get(1)),
                code == null || code.isEmpty() ? null : ErrorCode.valueOf(code),
                (ObjectNode) store.tree(fields.get(3)));
        outbox.put(jobId, outcome);
        return Optional.of(outcome);
    }

    /**
     * Moves a reported job to {@code done}, keeping its receipt (capped at {@value #RECEIPT_CAP}).
     *
     * @param reason why it is done: {@code reported}, {@code job_not_found}, {@code reconciled}
     * @param receipt the receipt when the coordinator signed one
     */
    public void markReported(String jobId, String reason, Optional<StoredReceipt> receipt) {
        String receiptId = receipt.map(StoredReceipt::id).orElse("");
        String answer = store.run(Script.REPORT, List.of(keys.job(jobId), keys.state(JobState.OUTBOX),
                keys.state(JobState.DONE), keys.receipts(), keys.receipt(receiptId.isEmpty() ? jobId : receiptId)),
                jobId, reason, store.now(), receipt.map(StoredReceipt::json).orElse(""), receiptId,
                receipt.map(StoredReceipt::verified).orElse("unchecked"), Integer.toString(RECEIPT_CAP),
                keys.prefix()).toString();
        outbox.remove(jobId);
        if ("OK".equals(answer)) {
            store.held().decrementAndGet();
        }
    }

    /** Replaces the outcome waiting in the outbox, e.g. a refused result by its failure (D7). */
    public void replaceOutcome(String jobId, JobOutcome outcome) {
        store.run(Script.AMEND, List.of(keys.job(jobId)), outcome.report().name(), code(outcome),
                outcome.body().toString());
        outbox.put(jobId, outcome);
    }

    /** Moves an outbox entry the coordinator refuses for good to {@code dead}, for an operator (D10). */
    public void bury(String jobId, String reason) {
        String answer = store.run(Script.BURY,
                List.of(keys.job(jobId), keys.state(JobState.OUTBOX), keys.state(JobState.DEAD)), jobId, reason,
                store.now()).toString();
        outbox.remove(jobId);
        if ("OK".equals(answer)) {
            store.held().decrementAndGet();
        }
    }

    /** The constraints a job was polled with, as stored ({@code {}} when the hash is gone), for its TEE quote. */
    public JsonNode constraints(String jobId) {
        String stored = store.fields(jobId, "constraints").getFirst();
        return stored == null ? store.tree("{}") : store.tree(stored);
    }

    /** Keeps the receipt's {@code tee_status} in the job's hash (D42). */
    public void recordTeeStatus(String jobId, String status) {
        store.setField(jobId, "tee_status", status);
    }

    /** Marks an upload whose outcome is unknown: it is never resent blindly, reconciliation settles it (D6). */
    public void markAmbiguous(String jobId) {
        outbox.remove(jobId);
        store.setField(jobId, "upload", "ambiguous");
    }

    /** The length of every state, in one round trip; also re-synchronises the local count of held jobs. */
    public QueueCounts counts() {
        List<String> stateKeys = Arrays.stream(JobState.values()).map(keys::state).toList();
        Response answer = store.run(Script.COUNTS, stateKeys);
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, answer.get(state.ordinal()).toLong());
        }
        QueueCounts counts = new QueueCounts(byState);
        store.held().set(counts.inflight());
        return counts;
    }

    /** Jobs held by this agent (ready, delayed, running, outbox), as last known without asking Redis. */
    public int held() {
        return store.held().get();
    }

    /** Wakes the scheduler for every job waiting in {@code ready} (a lost wake-up costs a sweep). */
    public void wakeReady() {
        store.ids(JobState.READY).forEach(wakeups::ready);
    }

    /**
     * Wakes the uploader for every outbox entry; entries marked ambiguous are skipped by the uploader. Only the sweeper
     * calls this, after checking that Redis did not restart.
     */
    void wakeOutbox() {
        store.ids(JobState.OUTBOX).forEach(wakeups::outcome);
    }

    /** Forgets done jobs reported more than {@code maxAgeMillis} ago; dead jobs are kept (D10). */
    public long trimDone(long maxAgeMillis) {
        long cutOff = store.millis() - maxAgeMillis;
        return store.run(Script.TRIM, List.of(keys.state(JobState.DONE)), Long.toString(cutOff), "500", keys.prefix())
                .toLong();
    }

    /** Forgets the cached outcome of a job whose outbox entry is being reconciled. */
    void forgetCached(String jobId) {
        outbox.remove(jobId);
    }

    private static String code(JobOutcome outcome) {
        return outcome.errorCode() == null ? "" : outcome.errorCode().name();
    }
}
