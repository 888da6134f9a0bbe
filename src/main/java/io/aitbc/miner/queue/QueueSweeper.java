package io.aitbc.miner.queue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Every poll interval, brings delayed jobs whose time has come back to {@code ready} and re-delivers lost wake-ups
 * (D12); every ten minutes, forgets done jobs older than a day (D9). Nothing runs before start-up recovery is done.
 */
@ApplicationScoped
class QueueSweeper {

    static final Duration DONE_RETENTION = Duration.ofHours(24);

    private final RetryQueue queue;
    private final JobRecovery recovery;
    private final StartupRecovery startup;
    private final RedisRestartWatch restarts;

    QueueSweeper(RetryQueue queue, JobRecovery recovery, StartupRecovery startup, RedisRestartWatch restarts) {
        this.queue = queue;
        this.recovery = recovery;
        this.startup = startup;
        this.restarts = restarts;
    }

    @Scheduled(every = "${miner.poll.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!startup.done()) {
            return;
        }
        try {
            restarts.check();
            recovery.promoteDue();
            queue.wakeReady();
            queue.wakeOutbox();
        } catch (QueueUnavailableException e) {
            Log.debugf("Sweep skipped: %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trim() {
        try {
            long trimmed = queue.trimDone(DONE_RETENTION.toMillis());
            if (trimmed > 0) {
                Log.debugf("Forgot %d done jobs older than %s", trimmed, DONE_RETENTION);
            }
        } catch (QueueUnavailableException e) {
            Log.debugf("Trim skipped: %s", e.getMessage());
        }
    }
}
