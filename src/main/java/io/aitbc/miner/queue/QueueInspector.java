package io.aitbc.miner.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;

/**
 * Read-only views of the queue for operators: the job ids in a state (paged), one job's hash as Redis holds it, and
 * short summaries of jobs for the console, the newest reported ones with their bill and receipt check.
 */
@ApplicationScoped
public class QueueInspector {

    /** The fields of a job summary, as the README's key table names them. */
    private static final JobField[] SUMMARY = { JobField.STATE, JobField.TYPE, JobField.ATTEMPTS, JobField.POLLED_AT,
            JobField.STARTED_AT, JobField.FINISHED_AT, JobField.REPORTED_AT, JobField.REPORT, JobField.ERROR_CODE,
            JobField.REPORT_REASON, JobField.LAST_ERROR, JobField.DEAD_AT, JobField.UNIT_TYPE, JobField.BILLED_MS,
            JobField.PRICE_MICRO, JobField.RECEIPT_ID };

    private final RedisDataSource redis;
    private final QueueStore store;

    QueueInspector(RedisDataSource redis, QueueStore store) {
        this.redis = redis;
        this.store = store;
    }

    /** Up to {@code limit} job ids in {@code state}: oldest first, or soonest due for a sorted state. */
    public List<String> ids(JobState state, int limit) {
        return store.ids(state, limit);
    }

    /** Up to {@code limit} job ids in {@code state} after the first {@code offset}, in the same order. */
    public List<String> ids(JobState state, int offset, int limit) {
        return store.ids(state, offset, limit);
    }

    /** Every field of one job's hash; empty when Redis does not know the job. */
    public Optional<Map<String, String>> job(String jobId) {
        try {
            Map<String, String> fields = redis.hash(String.class).hgetall(store.keys().job(jobId));
            return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }

    /**
     * Short summaries of jobs, in the order given: {@code id} and the fields the job has of state, type, attempts,
     * times, report, error code, last error, bill and receipt, plus {@code verified} when a receipt is kept. Never the
     * payload or the outcome.
     */
    public List<Map<String, String>> summaries(List<String> jobIds) {
        List<Map<String, String>> summaries = new ArrayList<>(jobIds.size());
        for (String jobId : jobIds) {
            List<String> values = store.fields(jobId, SUMMARY);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("id", jobId);
            for (int i = 0; i < SUMMARY.length; i++) {
                if (values.get(i) != null) {
                    summary.put(SUMMARY[i].key(), values.get(i));
                }
            }
            String receipt = summary.get(JobField.RECEIPT_ID.key());
            if (receipt != null) {
                verified(receipt).ifPresent(v -> summary.put(ReceiptField.VERIFIED.key(), v));
            }
            summaries.add(summary);
        }
        return summaries;
    }

    /** The summaries of the {@code limit} jobs reported last, newest first. */
    public List<Map<String, String>> recent(int limit) {
        try {
            return summaries(redis.sortedSet(String.class).zrange(store.keys().state(JobState.DONE), 0, limit - 1,
                    new ZRangeArgs().rev()));
        } catch (QueueUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list recent jobs", e);
        }
    }

    private Optional<String> verified(String receiptId) {
        try {
            return Optional.ofNullable(
                    redis.hash(String.class).hget(store.keys().receipt(receiptId), ReceiptField.VERIFIED.key()));
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read receipt " + receiptId, e);
        }
    }
}
