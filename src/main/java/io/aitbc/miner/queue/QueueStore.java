package io.aitbc.miner.queue;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * What the queue's facades share: the miner's keys, the scripts, plain reads, the clock and the count of jobs held.
 * Every Redis failure comes out as {@link QueueUnavailableException}.
 */
@ApplicationScoped
class QueueStore {

    /** This process among all that ever ran for the miner: a pid alone repeats (PID 1 in every container). */
    static final String OWNER = ProcessHandle.current().pid() + "@" + UUID.randomUUID();

    private final RedisDataSource redis;
    private final QueueScripts scripts;
    private final QueueKeys keys;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final HeldCount held = new HeldCount();

    QueueStore(RedisDataSource redis, AgentIdentity identity, ObjectMapper json) {
        this.redis = redis;
        this.scripts = new QueueScripts(redis);
        this.keys = new QueueKeys(identity.minerId());
        this.json = json;
    }

    QueueKeys keys() {
        return keys;
    }

    HeldCount held() {
        return held;
    }

    /** Runs a transition script; the held count follows the change it answers. */
    ScriptAnswer move(Script script, List<String> scriptKeys, String... args) {
        if (!script.moves()) {
            return ScriptAnswer.of(scripts.run(script, scriptKeys, args));
        }
        held.starting();
        try {
            ScriptAnswer answer = ScriptAnswer.of(scripts.run(script, scriptKeys, args));
            held.settled(answer.heldChange());
            return answer;
        } catch (QueueUnavailableException e) {
            held.lost();
            throw e;
        }
    }

    /** Runs a script that answers data rather than a transition. */
    Response read(Script script, List<String> scriptKeys, String... args) {
        return scripts.run(script, scriptKeys, args);
    }

    /** The ids in a state, oldest (or soonest due) first. */
    List<String> ids(JobState state) {
        return ids(state, -1);
    }

    /** The first {@code limit} ids in a state (all with -1), oldest (or soonest due) first. */
    List<String> ids(JobState state, long limit) {
        return ids(state, 0, limit);
    }

    /** Up to {@code limit} ids in a state (all from {@code offset} with -1), skipping the first {@code offset}. */
    List<String> ids(JobState state, long offset, long limit) {
        long stop = limit < 0 ? -1 : offset + limit - 1;
        try {
            return QueueKeys.sorted(state) ? redis.sortedSet(String.class).zrange(keys.state(state), offset, stop)
                    : redis.list(String.class).lrange(keys.state(state), offset, stop);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list " + state.label(), e);
        }
    }

    /** Up to {@code limit} ids of a sorted state scored at most {@code maxScore}, lowest first. */
    List<String> scoredUpTo(JobState state, long maxScore, int limit) {
        try {
            Response ids = redis.execute("ZRANGEBYSCORE", keys.state(state), "-inf", Long.toString(maxScore),
                    "LIMIT", "0", Integer.toString(limit));
            return strings(ids);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list due " + state.label(), e);
        }
    }

    /** Up to {@code limit} of the oldest receipt ids beyond the newest {@code cap}. */
    List<String> receiptsBeyond(int cap, int limit) {
        try {
            long excess = redis.sortedSet(String.class).zcard(keys.receipts()) - cap;
            return excess <= 0 ? List.of()
                    : redis.sortedSet(String.class).zrange(keys.receipts(), 0, Math.min(excess, limit) - 1);
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("list old receipts", e);
        }
    }

    /** The given fields of a job's hash, in order; null for absent ones. */
    List<String> fields(String jobId, JobField... fields) {
        String[] names = Arrays.stream(fields).map(JobField::key).toArray(String[]::new);
        try {
            Map<String, String> values = redis.hash(String.class).hmget(keys.job(jobId), names);
            return Arrays.stream(names).map(values::get).toList();
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read job " + jobId, e);
        }
    }

    void setField(String jobId, JobField field, String value) {
        try {
            redis.hash(String.class).hset(keys.job(jobId), field.key(), value);
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

    /** The {@code run_id} of the Redis server: it changes when Redis restarts. */
    String runId() {
        try {
            String info = redis.execute("INFO", "server").toString();
            return info.lines().filter(line -> line.startsWith("run_id:")).map(line -> line.substring(7).trim())
                    .findFirst().orElse("");
        } catch (RuntimeException e) {
            throw new QueueUnavailableException("read the server's run id", e);
        }
    }

    /** The elements of an array answer as text. */
    static List<String> strings(Response array) {
        List<String> values = new ArrayList<>(array.size());
        array.forEach(value -> values.add(value.toString()));
        return values;
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
