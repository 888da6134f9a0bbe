package io.aitbc.miner.reconcile;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs reconciliation rounds later: on one daemon thread in the agent, by hand in tests. */
interface RoundTimer {

    /** Runs {@code round} once {@code wait} has passed. */
    void schedule(Runnable round, Duration wait);

    /** Drops the rounds not yet run. */
    void stop();

    /** Rounds on a single daemon thread named {@code name}, one at a time. */
    static RoundTimer daemonThread(String name) {
        ScheduledExecutorService thread = Executors
                .newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        return new RoundTimer() {
            @Override
            public void schedule(Runnable round, Duration wait) {
                thread.schedule(round, wait.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                thread.shutdownNow();
            }
        };
    }
}
