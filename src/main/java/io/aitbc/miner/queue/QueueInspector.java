package io.aitbc.miner.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.JobState;
import io.quarkus.redis.datasource.RedisDataSource;

/** Read-only views of the queue for operators: the job ids in a state, and one job's hash as Redis holds it. */
@ApplicationScoped
public class QueueInspector {

    private final RedisDataSource redis;
    private final QueueKeys keys;

    QueueInspector(RedisDataSource redis, AgentIdentity identity) {
        this.redis = redis;
        this.keys = new QueueKeys(identity.minerId());
    }

    /** Up to {@code limit} job ids in {@code state}, oldest first. */
    public List<String> ids(JobState state, int limit) {
        String key = keys.state(state);
        try {
            return switch (state) {
                case READY, OUTBOX, DEAD -> redis.list(String.class).lrange(key, 0, limit - 1L);
                case DELAYED, RUNNING, DONE -> redis.sortedSet(String.class).zrange(key, 0, limit - 1L);
            };
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list " + state.label(), e);
        }
    }

    /** Every field of one job's hash; empty when Redis does not know the job. */
    public Optional<Map<String, String>> job(String jobId) {
        try {
            Map<String, String> fields = redis.hash(String.class).hgetall(keys.job(jobId));
            return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }
}
