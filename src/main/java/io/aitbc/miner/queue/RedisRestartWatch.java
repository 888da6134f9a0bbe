package io.aitbc.miner.queue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.logging.Log;

/**
 * Notices that Redis restarted under a running agent (its {@code run_id} changed). With {@code appendfsync everysec}
 * a restart after a slow fsync can lose the last acknowledged writes, among them a report already uploaded or an
 * outcome already committed; so after a restart lost outcomes are committed again and every outbox entry is treated as
 * possibly sent and settled by reconciliation, as at start-up. The count of held jobs is read again too.
 */
@ApplicationScoped
class RedisRestartWatch {

    private final CrashRecovery recovery;
    private final QueueStore store;
    private final Event<OutboxSuspected> suspected;
    private volatile String runId;

    RedisRestartWatch(CrashRecovery recovery, QueueStore store, Event<OutboxSuspected> suspected) {
        this.recovery = recovery;
        this.store = store;
        this.suspected = suspected;
    }

    /**
     * Compares Redis's run id with the one seen last; after a change, marks the outbox for reconciliation.
     *
     * @return whether Redis restarted since the last check
     */
    boolean check(String current) {
        String previous = runId;
        if (current.isEmpty() || current.equals(previous)) {
            return false;
        }
        if (previous != null) {
            store.held().distrust();
            recovery.recommitLostOutcomes();
            List<String> suspects = recovery.suspectOutbox();
            Log.warnf("Redis restarted: %d outbox entries are reconciled before any is sent again", suspects.size());
            suspected.fire(new OutboxSuspected(suspects));
        }
        runId = current;
        return previous != null;
    }
}
