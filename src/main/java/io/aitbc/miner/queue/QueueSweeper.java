package io.aitbc.miner.queue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-delivers lost wake-ups every poll interval (D12) and forgets done jobs older than a day (D9). What a previous
 * process left in {@code ready} or {@code outbox} is picked up by the first sweep after start-up.
 */
@ApplicationScoped
class QueueSweeper {

    static final Duration DONE_RETENTION = Duration.ofHours(24);

    private final RetryQueue queue;

    QueueSweeper(RetryQueue queue) {
        this.queue = queue;
    }

    @Scheduled(every = "${miner.poll.interval}", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            queue.sweep();
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
