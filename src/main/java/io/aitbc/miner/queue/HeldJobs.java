package io.aitbc.miner.queue;

import java.util.List;
import java.util.stream.Stream;

/**
 * The jobs this miner holds, per state, as reconciliation reads them before it lists the coordinator's jobs.
 *
 * @param ready waiting for a slot
 * @param delayed waiting for a retry
 * @param running claimed by a runner
 * @param outbox outcome committed, report not yet confirmed
 */
public record HeldJobs(List<String> ready, List<String> delayed, List<String> running, List<String> outbox) {

    /** Jobs not yet finished: the ones a client's cancellation stops. */
    public List<String> unfinished() {
        return Stream.of(ready, delayed, running).flatMap(List::stream).toList();
    }

    /** Whether {@code jobId} is held in any of these states. */
    public boolean holds(String jobId) {
        return ready.contains(jobId) || delayed.contains(jobId) || running.contains(jobId) || outbox.contains(jobId);
    }
}
