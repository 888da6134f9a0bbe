package io.aitbc.miner.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.queue.QueueStatus.Status;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Finishes what a stopped process left before this one polls or uploads anything: outbox entries are marked as
 * possibly sent (reconciliation decides, so nothing gets a second receipt) and orphaned running jobs are run again or
 * failed with {@code E_INTERRUPTED} (D8). Then the count of held jobs is read and the {@link QueueClock} started at the
 * first time Redis holds. Waits for Redis as long as it takes; the poll loop and the sweeps wait for {@link #done()}.
 */
@ApplicationScoped
public class StartupRecovery {

    /** Reads of the held count tried while transitions overlap them; the monitor takes over after these. */
    private static final int HELD_READS = 10;

    private final CrashRecovery recovery;
    private final QueueStore store;
    private final QueueStatus status;
    private final QueueClock clock;
    private volatile boolean done;

    StartupRecovery(CrashRecovery recovery, QueueStore store, QueueStatus status, QueueClock clock) {
        this.recovery = recovery;
        this.store = store;
        this.status = status;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        Thread.ofVirtual().name("startup-recovery").start(this::recover);
    }

    /** Whether the leftovers of the previous process are dealt with. */
    public boolean done() {
        return done;
    }

    private void recover() {
        try {
            Durably.run("start-up recovery", () -> {
                int suspects = recovery.suspectOutbox().size();
                int orphans = recovery.recoverOrphans();
                if (suspects + orphans > 0) {
                    Log.infof("Start-up recovery: %d outbox entries to reconcile, %d interrupted jobs", suspects, orphans);
                }
            });
            Durably.run("the count of held jobs", this::countAndStartClock);
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void countAndStartClock() {
        Status read = status.read();
        store.held().resync(read.mark(), read.counts().inflight());
        for (int i = 1; i < HELD_READS && store.held().drifted(); i++) {
            read = status.read();
            store.held().resync(read.mark(), read.counts().inflight());
        }
        clock.start(read.nextDue());
    }
}
