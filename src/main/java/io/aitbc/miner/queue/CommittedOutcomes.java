package io.aitbc.miner.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aitbc.miner.job.JobOutcome;

/**
 * The last outcomes this process committed to the outbox, bounded. If Redis restarts and loses an acknowledged
 * {@code complete} (a slow fsync with {@code appendfsync everysec}), the job would sit in {@code running} with no runner,
 * though its report may already be uploaded; with its outcome at hand it goes back to the outbox, to be reconciled.
 */
final class CommittedOutcomes {

    static final int CAPACITY = 10_000;

    private final Map<String, JobOutcome> outcomes = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobOutcome> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(String jobId, JobOutcome outcome) {
        outcomes.put(jobId, outcome);
    }

    synchronized Optional<JobOutcome> of(String jobId) {
        return Optional.ofNullable(outcomes.get(jobId));
    }
}
