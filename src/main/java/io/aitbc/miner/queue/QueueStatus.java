package io.aitbc.miner.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads the miner's status in one round trip ({@code status.lua}): Redis's run id, when the first delayed job and the
 * first outbox entry are due, and the length of every state. The last read is kept; while no transition has run since
 * it ({@link HeldCount#unchangedSince(long)}), it is still what Redis holds, so the heartbeat and the drain do not ask
 * again. Reading never changes anything.
 */
@ApplicationScoped
class QueueStatus {

    /**
     * One read.
     *
     * @param runId the Redis server's run id; it changes when Redis restarts
     * @param nextDue when the first delayed job or outbox entry is due (epoch ms); empty when none is
     * @param counts the length of every state
     * @param mark the held count's mark taken before the read ({@link HeldCount#mark()})
     */
    record Status(String runId, OptionalLong nextDue, QueueCounts counts, long mark) {
    }

    private final QueueStore store;
    private final List<String> keys = new ArrayList<>();
    private final String[] structures;
    private volatile Status last;

    QueueStatus(QueueStore store) {
        this.store = store;
        QueueKeys names = store.keys();
        keys.add(names.state(JobState.DELAYED));
        keys.add(names.state(JobState.OUTBOX));
        for (JobState state : JobState.values()) {
            keys.add(names.state(state));
        }
        this.structures = Arrays.stream(JobState.values()).map(s -> QueueKeys.sorted(s) ? "zset" : "list")
                .toArray(String[]::new);
    }

    /** Reads the status now. */
    Status read() {
        long mark = store.held().mark();
        Response answer = store.read(Script.STATUS, keys, structures);
        Map<JobState, Long> lengths = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            lengths.put(state, answer.get(3 + state.ordinal()).toLong());
        }
        Status status = new Status(answer.get(0).toString(),
                earliest(score(answer.get(1).toString()), score(answer.get(2).toString())),
                new QueueCounts(lengths), mark);
        last = status;
        return status;
    }

    /** The last read, if any. */
    Optional<Status> last() {
        return Optional.ofNullable(last);
    }

    /** The last read while no transition has run since, else a new one. */
    Status current() {
        Status seen = last;
        return seen != null && store.held().unchangedSince(seen.mark()) ? seen : read();
    }

    /** A sorted-set score as epoch ms; empty for none ({@code ""}) or {@code +inf} (never due). */
    static OptionalLong score(String text) {
        if (text.isEmpty() || text.endsWith("inf")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) Double.parseDouble(text));
    }

    /** The earlier of two optional times. */
    static OptionalLong earliest(OptionalLong first, OptionalLong second) {
        return LongStream.concat(first.stream(), second.stream()).min();
    }
}
