package io.aitbc.miner.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Finishes what a stopped process left before this one polls or uploads anything: outbox entries are marked as
 * possibly sent (reconciliation decides, so nothing gets a second receipt) and orphaned running jobs are run again or
 * failed with {@code E_INTERRUPTED} (D8). Waits for Redis as long as it takes; the poll loop and the sweeps wait for
 * {@link #done()}.
 */
@ApplicationScoped
public class StartupRecovery {

    private final JobRecovery recovery;
    private volatile boolean done;

    StartupRecovery(JobRecovery recovery) {
        this.recovery = recovery;
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
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
