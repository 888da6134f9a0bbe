package io.aitbc.miner.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.queue.QueueStatus.Status;
import io.quarkus.scheduler.Scheduled;

/**
 * The one periodic reader of Redis, every {@link #EVERY}, so metric scrapes and readiness probes never wait on Redis:
 * they read the last answer and whether Redis is usable. A tick costs one command: {@code INFO server} (Redis answers,
 * and its run id shows whether it restarted) while nothing changed since the last status read, else the status read
 * itself ({@link QueueStatus}, which carries the run id too), and at least every {@link #RECOUNT_AFTER} anyway. A status
 * read also tells the {@link QueueClock} the first times Redis holds and, when the count of held jobs may have
 * drifted, sets it again.
 */
@ApplicationScoped
public class QueueMonitor {

    /** How often Redis is read. */
    static final Duration EVERY = Duration.ofSeconds(5);
    /** After this long without an answer Redis counts as unusable even if no call failed (a hung connection). */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);
    /** The lengths are read again after this long even when no transition of this process changed them. */
    static final Duration RECOUNT_AFTER = Duration.ofSeconds(60);

    private final QueueStore store;
    private final QueueStatus status;
    private final QueueClock clock;
    private final RedisRestartWatch restarts;
    private volatile Instant readAt = Instant.now();
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile String problem = "not read yet";

    QueueMonitor(QueueStore store, QueueStatus status, QueueClock clock, RedisRestartWatch restarts) {
        this.store = store;
        this.status = status;
        this.clock = clock;
        this.restarts = restarts;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Optional<Status> read = countsStale() ? Optional.of(status.read()) : Optional.empty();
            boolean restarted = restarts.check(read.map(Status::runId).orElseGet(store::runId));
            if (read.isPresent() && !restarted) {
                countedAt = Instant.now();
                clock.dueAt(read.get().nextDue());
                if (store.held().drifted()) {
                    store.held().resync(read.get().mark(), read.get().counts().inflight());
                }
            }
            readAt = Instant.now();
            problem = null;
        } catch (QueueUnavailableException e) {
            problem = "Redis unusable: " + e.getMessage();
        }
    }

    /** The counts Redis last gave; empty before the first answer. */
    public Optional<QueueCounts> counts() {
        return status.last().map(Status::counts);
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

    private boolean countsStale() {
        Optional<Status> last = status.last();
        return last.isEmpty() || !store.held().unchangedSince(last.get().mark())
                || Duration.between(countedAt, Instant.now()).compareTo(RECOUNT_AFTER) > 0;
    }
}
