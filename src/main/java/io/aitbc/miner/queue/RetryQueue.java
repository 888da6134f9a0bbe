package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.queue.QueueScripts.Script;

/**
 * The queue's facade: the durable job state in Redis and its transitions, polled → ready → running → (delayed →
 * ready)* → outbox → done (D9, D11), one idempotent script each, four round trips per job on the happy path. A
 * transition is acknowledged by Redis before any channel hears of the job (D12). The queue owns each job's fate:
 * {@link #finish} decides between another run and the outbox, and the outbox's own retries follow the uploader's
 * backoff ({@link #retryUpload}). Callers run on virtual or worker threads, never on the event loop; Redis failures
 * surface as {@link QueueUnavailableException} so the caller keeps the job in memory and tries again
 * ({@link Durably}).
 */
@ApplicationScoped
public class RetryQueue {

    private final QueueStore store;
    private final QueueKeys keys;
    private final Wakeups wakeups;
    private final Outbox outbox;
    private final JobFates fates;
    private final QueueStatus status;
    private final SlotNeedRule needs;

    RetryQueue(QueueStore store, Wakeups wakeups, Outbox outbox, JobFates fates, QueueStatus status,
            SlotNeedRule needs) {
        this.store = store;
        this.keys = store.keys();
        this.wakeups = wakeups;
        this.outbox = outbox;
        this.fates = fates;
        this.status = status;
        this.needs = needs;
    }

    /**
     * Stores a polled (or adopted) job in {@code ready} with the slot it needs and wakes the scheduler; false when
     * Redis already knew it.
     */
    public boolean enqueue(String jobId, JsonNode payload, JsonNode constraints, Instant deadline) {
        SlotNeed need = needs.of(payload, constraints);
        boolean added = store.move(Script.ENQUEUE, List.of(keys.job(jobId), keys.state(JobState.READY)), jobId,
                payload.toString(), constraints.toString(), Long.toString(deadline.toEpochMilli()), store.now(),
                StoredNeeds.text(need), JobType.of(payload).label()).ok();
        if (added) {
            wakeups.ready(jobId, need);
        }
        return added;
    }

    /** The slot a job with this payload and these constraints needs (D13), as {@link #enqueue} stores it. */
    public SlotNeed need(JsonNode payload, JsonNode constraints) {
        return needs.of(payload, constraints);
    }

    /**
     * Stores a polled job straight in {@code running} for this process, for a job that already holds a slot of
     * {@code need}: one round trip where {@link #enqueue} then {@link #claim} take two. Empty when Redis already knew
     * the job.
     */
    public Optional<Job> enqueueRunning(String jobId, JsonNode payload, JsonNode constraints, Instant deadline,
            SlotNeed need) {
        boolean added = store.move(Script.INTAKE, List.of(keys.job(jobId), keys.state(JobState.RUNNING)), jobId,
                payload.toString(), constraints.toString(), Long.toString(deadline.toEpochMilli()), store.now(),
                StoredNeeds.text(need), JobType.of(payload).label(), Long.toString(ProcessHandle.current().pid()),
                QueueStore.OWNER).ok();
        return added ? Optional.of(new Job(jobId, payload, constraints, deadline, 1)) : Optional.empty();
    }

    /** Moves a ready job to {@code running} for this process; empty when another consumer or state has it. */
    public Optional<Job> claim(String jobId) {
        ScriptAnswer answer = store.move(Script.CLAIM,
                List.of(keys.job(jobId), keys.state(JobState.READY), keys.state(JobState.RUNNING)), jobId,
                Long.toString(ProcessHandle.current().pid()), store.now(), QueueStore.OWNER);
        if (!answer.ok()) {
            return Optional.empty();
        }
        List<String> job = answer.values();
        return Optional.of(new Job(jobId, store.tree(job.get(0)), store.tree(job.get(1)),
                Instant.ofEpochMilli(Long.parseLong(job.get(2))), Integer.parseInt(job.get(3))));
    }

    /**
     * Settles a run's outcome durably (held in memory while Redis is away): a transient failure
     * ({@code ErrorCode.retryable()}) waits in {@code delayed} for another run while the attempts and the deadline allow
     * it; any other outcome is committed to the outbox and the uploader woken.
     *
     * @return what became of the run
     */
    public Fate finish(Job job, JobOutcome outcome) throws InterruptedException {
        return fates.finish(job, outcome);
    }

    /** The outcome to upload now; empty when the job left the outbox, waits for reconciliation or is not due yet. */
    public Optional<JobOutcome> pendingOutcome(String jobId) {
        return outbox.pending(jobId);
    }

    /**
     * The uploader's backoff (D7): the entry is not uploaded again before {@code delay} has passed, when the queue's
     * clock wakes the uploader for it. The time is kept with the entry in Redis.
     */
    public void retryUpload(String jobId, Duration delay) {
        outbox.postpone(jobId, delay);
    }

    /**
     * Moves a reported job to {@code done}, keeping its receipt (the newest 10,000 are kept).
     *
     * @param reason why it is done: {@code reported}, {@code job_not_found}, {@code reconciled}
     * @param receipt the receipt when the coordinator signed one
     */
    public void markReported(String jobId, String reason, Optional<StoredReceipt> receipt) {
        outbox.reported(jobId, reason, receipt);
    }

    /** Replaces the outcome waiting in the outbox, e.g. a refused result by its failure (D7). */
    public void replaceOutcome(String jobId, JobOutcome outcome) {
        outbox.replace(jobId, outcome);
    }

    /** Moves an outbox entry the coordinator refuses for good to {@code dead}, for an operator (D10). */
    public void bury(String jobId, String reason) {
        outbox.bury(jobId, reason);
    }

    /** The constraints a job was polled with, as stored ({@code {}} when the hash is gone), for its TEE quote. */
    public JsonNode constraints(String jobId) {
        String stored = store.fields(jobId, JobField.CONSTRAINTS).getFirst();
        return stored == null ? store.tree("{}") : store.tree(stored);
    }

    /**
     * Keeps the receipt's {@code tee_status} in the job's hash (D42) and counts its label in the lasting totals (D45),
     * both once per job: a status already kept stays, and is not counted again.
     */
    public void recordTeeStatus(String jobId, String status, String label) {
        store.move(Script.TEE, List.of(keys.job(jobId), keys.totals()), status, label);
    }

    /** Marks an upload whose outcome is unknown: it is never resent blindly, reconciliation settles it (D6). */
    public void markAmbiguous(String jobId) {
        outbox.ambiguous(jobId);
    }

    /** The length of every state as Redis holds it (read again only when a transition ran since the last read). */
    public QueueCounts counts() {
        return status.current().counts();
    }

    /**
     * Every job polled, not yet reported and not dead (D13), as Redis holds it: what heartbeats report. Read again only
     * when a transition ran since the last read.
     */
    public int inflight() {
        return counts().inflight();
    }

    /** Jobs held by this agent (ready, delayed, running, outbox), as counted in memory without asking Redis. */
    public int held() {
        return store.held().get();
    }

    /** Wakes the scheduler for every job waiting in {@code ready} (a lost wake-up costs a sweep). */
    void wakeReady() {
        store.ids(JobState.READY).forEach(wakeups::ready);
    }
}
