package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the length of every state every two seconds, so that metric scrapes and readiness probes never wait on Redis:
 * they read the last answer and whether Redis is usable.
 */
@ApplicationScoped
public class QueueMonitor {

    /** After this long without an answer Redis counts as unusable even if no call failed (a hung connection). */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final RetryQueue queue;
    private volatile QueueCounts counts;
    private volatile Instant readAt = Instant.now();
    private volatile String problem = "not read yet";

    QueueMonitor(RetryQueue queue) {
        this.queue = queue;
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            counts = queue.counts();
            readAt = Instant.now();
            problem = null;
        } catch (QueueUnavailableException e) {
            problem = "Redis unusable: " + e.getMessage();
        }
    }

    /** The counts Redis last gave; empty before the first answer. */
    public Optional<QueueCounts> counts() {
        return Optional.ofNullable(counts);
    }

    /** Why Redis is not usable now; empty when it answered within the last {@link #STALE_AFTER}. */
    public Optional<String> problem() {
        String now = problem;
        if (now != null) {
            return Optional.of(now);
        }
        Duration since = Duration.between(readAt, Instant.now());
        return since.compareTo(STALE_AFTER) > 0 ? Optional.of("Redis silent for " + since.toSeconds() + " s")
                : Optional.empty();
    }
}
