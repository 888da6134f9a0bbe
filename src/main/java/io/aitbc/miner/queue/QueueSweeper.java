package io.aitbc.miner.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Every poll interval, re-delivers lost wake-ups of jobs waiting in {@code ready} (D12), reading their ids only while
 * the last lengths read show any; every ten minutes, forgets done jobs older than a day (D9) and receipts beyond the
 * newest {@value #RECEIPT_CAP}. Delayed jobs and outbox entries are the {@link QueueClock}'s. Nothing runs before
 * start-up recovery is done.
 */
@ApplicationScoped
class QueueSweeper {

    static final Duration DONE_RETENTION = Duration.ofHours(24);
    /** Receipts kept at most. */
    static final int RECEIPT_CAP = 10_000;
    private static final int TRIM_BATCH = 500;

    private final RetryQueue queue;
    private final QueueStore store;
    private final QueueMonitor monitor;
    private final StartupRecovery startup;

    QueueSweeper(RetryQueue queue, QueueStore store, QueueMonitor monitor, StartupRecovery startup) {
        this.queue = queue;
        this.store = store;
        this.monitor = monitor;
        this.startup = startup;
    }

    @Scheduled(every = "${miner.poll.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!startup.done() || monitor.counts().map(c -> c.count(JobState.READY) == 0).orElse(true)) {
            return;
        }
        try {
            queue.wakeReady();
        } catch (QueueUnavailableException e) {
            Log.debugf("Sweep skipped: %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trim() {
        try {
            long trimmed = trim(store.millis() - DONE_RETENTION.toMillis());
            if (trimmed > 0) {
                Log.debugf("Forgot %d done jobs older than %s", trimmed, DONE_RETENTION);
            }
        } catch (QueueUnavailableException e) {
            Log.debugf("Trim skipped: %s", e.getMessage());
        }
    }

    /** Forgets a batch of done jobs reported before {@code cutOff} (epoch ms) and of receipts beyond the cap. */
    long trim(long cutOff) {
        QueueKeys keys = store.keys();
        List<String> jobs = store.scoredUpTo(JobState.DONE, cutOff, TRIM_BATCH);
        List<String> receipts = store.receiptsBeyond(RECEIPT_CAP, TRIM_BATCH);
        if (jobs.isEmpty() && receipts.isEmpty()) {
            return 0;
        }
        List<String> scriptKeys = new ArrayList<>(List.of(keys.state(JobState.DONE), keys.receipts()));
        scriptKeys.addAll(keys.jobs(jobs));
        scriptKeys.addAll(keys.receipts(receipts));
        List<String> args = new ArrayList<>(
                List.of(Long.toString(cutOff), Integer.toString(RECEIPT_CAP), Integer.toString(jobs.size())));
        args.addAll(jobs);
        args.addAll(receipts);
        return Long.parseLong(store.move(Script.TRIM, scriptKeys, args.toArray(String[]::new)).values().get(0));
    }
}
