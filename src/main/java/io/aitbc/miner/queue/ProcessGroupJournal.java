package io.aitbc.miner.queue;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Journals the process group of a running {@code cli}/{@code python} job in its hash ({@code pgid}, D9), so that
 * after a crash {@link CrashRecovery#recoverOrphans()} can kill what the stopped agent left before the job runs again.
 */
@ApplicationScoped
public class ProcessGroupJournal {

    private final QueueStore store;

    ProcessGroupJournal(QueueStore store) {
        this.store = store;
    }

    /** Records that the job's processes run in group {@code pgid}; throws {@link QueueUnavailableException}. */
    public void record(String jobId, long pgid) {
        store.setField(jobId, JobField.PGID, Long.toString(pgid));
    }

    /** The group last recorded for the job. */
    public Optional<Long> recorded(String jobId) {
        String value = store.fields(jobId, JobField.PGID).get(0);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(value));
    }
}
