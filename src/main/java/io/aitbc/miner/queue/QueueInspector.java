package io.aitbc.miner.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.quarkus.redis.datasource.RedisDataSource;

/** Read-only views of the queue for operators: the job ids in a state, and one job's hash as Redis holds it. */
@ApplicationScoped
public class QueueInspector {

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

    /** Every field of one job's hash; empty when Redis does not know the job. */
    public Optional<Map<String, String>> job(String jobId) {
        try {
            Map<String, String> fields = redis.hash(String.class).hgetall(store.keys().job(jobId));
            return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }
}
