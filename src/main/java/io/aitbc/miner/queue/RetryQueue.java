package io.aitbc.miner.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.AgentIdentity;
import io.aitbc.miner.job.Channels;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * The durable job state in Redis and its atomic transitions: polled → ready → running → outbox → done (D9, D11). A
 * transition is acknowledged by Redis before any channel hears of the job (D12). Callers run on virtual or worker
 * threads, never on the event loop; Redis failures surface as {@link QueueUnavailableException} so the caller keeps
 * the job in memory and tries again.
 */
@ApplicationScoped
public class RetryQueue {

    static final int RECEIPT_CAP = 10_000;

    private final QueueScripts scripts;
    private final RedisDataSource redis;
    private final QueueKeys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final Emitter<String> ready;
    private final Emitter<String> outcomes;
    private final AtomicInteger held = new AtomicInteger();
    private final Map<String, JobOutcome> outbox = new ConcurrentHashMap<>();

    RetryQueue(RedisDataSource redis, AgentIdentity identity, ObjectMapper json,
            @Channel(Channels.JOBS_READY) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> ready,
            @Channel(Channels.JOB_OUTCOMES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> outcomes) {
        this.redis = redis;
        this.scripts = new QueueScripts(redis);
        this.keys = new QueueKeys(identity.minerId());
        this.json = json;
        this.clock = Clock.systemUTC();
        this.ready = ready;
        this.outcomes = outcomes;
    }

    /** Stores a polled job in {@code ready} and wakes the scheduler; false when Redis already knew the job. */
    public boolean enqueue(String jobId, JsonNode payload, JsonNode constraints, Instant deadline) {
        String answer = scripts.run(Script.ENQUEUE, List.of(keys.job(jobId), keys.state(JobState.READY)), jobId,
                payload.toString(), constraints.toString(), Long.toString(deadline.toEpochMilli()), now()).toString();
        boolean added = "OK".equals(answer);
        if (added) {
            held.incrementAndGet();
        }
        wake(ready, jobId);
        return added;
    }

    /** Moves a ready job to {@code running} for this process; empty when another consumer or state has it. */
    public Optional<Job> claim(String jobId) {
        Response answer = scripts.run(Script.CLAIM,
                List.of(keys.job(jobId), keys.state(JobState.READY), keys.state(JobState.RUNNING)), jobId,
                Long.toString(ProcessHandle.current().pid()), now());
        if (!"OK".equals(answer.get(0).toString())) {
            return Optional.empty();
        }
        return Optional.of(new Job(jobId, tree(answer.get(1).toString()), tree(answer.get(2).toString()),
                Instant.ofEpochMilli(answer.get(3).toLong()), answer.get(4).toInteger()));
    }

    /** Commits a job's one outcome to the {@code outbox} before any upload, then wakes the uploader. */
    public void complete(String jobId, JobOutcome outcome) {
        String code = outcome.errorCode() == null ? "" : outcome.errorCode().name();
        String answer = scripts.run(Script.COMPLETE,
                List.of(keys.job(jobId), keys.state(JobState.RUNNING), keys.state(JobState.OUTBOX)), jobId,
                outcome.report().name(), code, outcome.body().toString(), now()).toString();
        if (answer.startsWith("STATE:")) {
            Log.warnf("Job %s finished in state %s; its outcome is not stored", jobId, answer.substring(6));
            return;
        }
        outbox.put(jobId, outcome);
        wake(outcomes, jobId);
    }

    /** The outcome waiting for upload, unless the job left the outbox or its last upload was ambiguous. */
    public Optional<JobOutcome> pendingOutcome(String jobId) {
        JobOutcome cached = outbox.get(jobId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<String> fields = hashFields(jobId, "state", "report", "error_code", "outcome", "upload");
        if (!"outbox".equals(fields.get(0)) || "ambiguous".equals(fields.get(4)) || fields.get(3) == null) {
            return Optional.empty();
        }
        String code = fields.get(2);
        JobOutcome outcome = new JobOutcome(JobOutcome.Report.valueOf(fields.get(1)),
                code == null || code.isEmpty() ? null : ErrorCode.valueOf(code), (ObjectNode) tree(fields.get(3)));
        outbox.put(jobId, outcome);
        return Optional.of(outcome);
    }

    /**
     * Moves a reported job to {@code done}, keeping its receipt (capped at {@value #RECEIPT_CAP}).
     *
     * @param reason why it is done: {@code reported}, {@code job_not_found}, …
     * @param receipt the receipt id and JSON when the coordinator signed one
     */
    public void markReported(String jobId, String reason, Optional<StoredReceipt> receipt) {
        String answer = scripts.run(Script.REPORT, List.of(keys.job(jobId), keys.state(JobState.OUTBOX),
                keys.state(JobState.DONE), keys.receipts(), keys.receipt(receipt.map(StoredReceipt::id).orElse(jobId))),
                jobId, reason, now(), receipt.map(StoredReceipt::json).orElse(""),
                receipt.map(StoredReceipt::id).orElse(""), receipt.map(StoredReceipt::verified).orElse("unchecked"),
                Integer.toString(RECEIPT_CAP), keys.prefix()).toString();
        outbox.remove(jobId);
        if ("OK".equals(answer)) {
            held.decrementAndGet();
        }
    }

    /** Replaces the outcome waiting in the outbox, e.g. a refused result by its failure (D7). */
    public void replaceOutcome(String jobId, JobOutcome outcome) {
        String code = outcome.errorCode() == null ? "" : outcome.errorCode().name();
        scripts.run(Script.AMEND, List.of(keys.job(jobId)), outcome.report().name(), code, outcome.body().toString());
        outbox.put(jobId, outcome);
    }

    /** Moves an outbox entry the coordinator refuses for good to {@code dead}, for an operator (D10). */
    public void bury(String jobId, String reason) {
        String answer = scripts.run(Script.BURY,
                List.of(keys.job(jobId), keys.state(JobState.OUTBOX), keys.state(JobState.DEAD)), jobId, reason, now())
                .toString();
        outbox.remove(jobId);
        if ("OK".equals(answer)) {
            held.decrementAndGet();
        }
    }

    /** Marks an upload whose outcome is unknown: it is never resent blindly, reconciliation settles it (D6). */
    public void markAmbiguous(String jobId) {
        outbox.remove(jobId);
        try {
            redis.hash(String.class).hset(keys.job(jobId), "upload", "ambiguous");
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("mark an ambiguous upload", e);
        }
    }

    /** The length of every state, in one round trip; also re-synchronises the local count of held jobs. */
    public QueueCounts counts() {
        List<String> stateKeys = java.util.Arrays.stream(JobState.values()).map(keys::state).toList();
        Response answer = scripts.run(Script.COUNTS, stateKeys);
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, answer.get(state.ordinal()).toLong());
        }
        QueueCounts counts = new QueueCounts(byState);
        held.set(counts.inflight());
        return counts;
    }

    /** Jobs held by this agent (ready, delayed, running, outbox), as last known without asking Redis. */
    public int held() {
        return held.get();
    }

    /** Wakes the consumers of every job still waiting in {@code ready} or {@code outbox} (a lost wake-up costs a sweep). */
    public void sweep() {
        ids(JobState.READY).forEach(id -> wake(ready, id));
        ids(JobState.OUTBOX).forEach(id -> wake(outcomes, id));
    }

    /** Forgets done jobs reported more than {@code maxAgeMillis} ago; dead jobs are kept (D10). */
    public long trimDone(long maxAgeMillis) {
        long cutOff = clock.millis() - maxAgeMillis;
        return scripts.run(Script.TRIM, List.of(keys.state(JobState.DONE)), Long.toString(cutOff), "500",
                keys.prefix()).toLong();
    }

    private List<String> ids(JobState state) {
        try {
            return redis.list(String.class).lrange(keys.state(state), 0, -1);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list " + state.label(), e);
        }
    }

    private List<String> hashFields(String jobId, String... fields) {
        try {
            Map<String, String> values = redis.hash(String.class).hmget(keys.job(jobId), fields);
            return java.util.Arrays.stream(fields).map(values::get).toList();
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON stored in Redis", e);
        }
    }

    private String now() {
        return Long.toString(clock.millis());
    }

    private static void wake(Emitter<String> channel, String jobId) {
        try {
            channel.send(jobId);
        } catch (RuntimeException e) {
            Log.debugf("Wake-up for %s not delivered (%s); the next sweep delivers it", jobId, e.getMessage());
        }
    }
}
