package io.aitbc.miner.queue;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * What the queue's facades share: the miner's keys, the scripts, plain reads, and the local count of jobs held. Every
 * Redis failure comes out as {@link QueueUnavailableException}.
 */
@ApplicationScoped
class QueueStore {

    /** This process among all that ever ran for the miner: a pid alone repeats (PID 1 in every container). */
    static final String OWNER = ProcessHandle.current().pid() + "@" + java.util.UUID.randomUUID();

    private final RedisDataSource redis;
    private final QueueScripts scripts;
    private final QueueKeys keys;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger held = new AtomicInteger();

    QueueStore(RedisDataSource redis, AgentIdentity identity, ObjectMapper json) {
        this.redis = redis;
        this.scripts = new QueueScripts(redis);
        this.keys = new QueueKeys(identity.minerId());
        this.json = json;
    }

    QueueKeys keys() {
        return keys;
    }

    AtomicInteger held() {
        return held;
    }

    Response run(Script script, List<String> scriptKeys, String... args) {
        return scripts.run(script, scriptKeys, args);
    }

    /** The ids in a state's list or sorted set, oldest first. */
    List<String> ids(JobState state) {
        try {
            return state == JobState.READY || state == JobState.OUTBOX || state == JobState.DEAD
                    ? redis.list(String.class).lrange(keys.state(state), 0, -1)
                    : redis.sortedSet(String.class).zrange(keys.state(state), 0, -1);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list " + state.label(), e);
        }
    }

    /** The given fields of a job's hash, in order; null for absent ones. */
    List<String> fields(String jobId, String... names) {
        try {
            Map<String, String> values = redis.hash(String.class).hmget(keys.job(jobId), names);
            return Arrays.stream(names).map(values::get).toList();
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }

    void setField(String jobId, String field, String value) {
        try {
            redis.hash(String.class).hset(keys.job(jobId), field, value);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("update job " + jobId, e);
        }
    }

    void deleteField(String jobId, String field) {
        try {
            redis.hash(String.class).hdel(keys.job(jobId), field);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("update job " + jobId, e);
        }
    }

    /** Whether Redis holds the job in any state. */
    boolean known(String jobId) {
        try {
            return redis.key().exists(keys.job(jobId));
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("look up job " + jobId, e);
        }
    }

    JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON stored in Redis", e);
        }
    }

    long millis() {
        return clock.millis();
    }

    String now() {
        return Long.toString(clock.millis());
    }
}
