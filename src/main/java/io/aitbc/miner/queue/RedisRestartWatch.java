package io.aitbc.miner.queue;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Notices that Redis restarted under a running agent (its {@code run_id} changed). With {@code appendfsync everysec}
 * a restart after a slow fsync can lose the last acknowledged writes, among them a report already uploaded or an
 * outcome already committed; so after a restart lost outcomes are committed again and every outbox entry is treated as
 * possibly sent and settled by reconciliation, as at start-up.
 */
@ApplicationScoped
class RedisRestartWatch {

    private final RedisDataSource redis;
    private final JobRecovery recovery;
    private final Event<OutboxSuspected> suspected;
    private volatile String runId;

    RedisRestartWatch(RedisDataSource redis, JobRecovery recovery, Event<OutboxSuspected> suspected) {
        this.redis = redis;
        this.recovery = recovery;
        this.suspected = suspected;
    }

    /** Reads Redis's run id; after a change, marks the outbox for reconciliation. */
    void check() {
        Optional<String> current = currentRunId();
        if (current.isEmpty()) {
            return;
        }
        String previous = runId;
        if (previous != null && !previous.equals(current.get())) {
            recovery.recommitLostOutcomes();
            List<String> suspects = recovery.suspectOutbox();
            Log.warnf("Redis restarted: %d outbox entries are reconciled before any is sent again", suspects.size());
            suspected.fire(new OutboxSuspected(suspects));
        }
        runId = current.get();
    }

    private Optional<String> currentRunId() {
        try {
            String info = redis.execute("INFO", "server").toString();
            return info.lines().filter(line -> line.startsWith("run_id:")).map(line -> line.substring(7).trim())
                    .findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
