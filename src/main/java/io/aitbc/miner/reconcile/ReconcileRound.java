package io.aitbc.miner.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobIds;
import io.aitbc.miner.queue.HeldJobs;
import io.quarkus.logging.Log;

/**
 * One reconciliation round (D6): reads what Redis holds, takes the coordinator's complete RUNNING listing, lets the
 * {@link Ledger} decide, then resends or settles ambiguous uploads, stops cancelled jobs, adopts jobs whose poll answer
 * was lost and takes each held job's deadline from {@code expires_at}. Plain code over small ports.
 */
final class ReconcileRound {

    /** The coordinator's complete RUNNING listing for this miner; fails when it is incomplete. */
    interface Listing {
        List<ListedJob> runningJobs() throws InterruptedException;
    }

    private final HeldJobStore store;
    private final Listing listing;
    private final Consumer<String> stop;
    private final Ledger ledger;
    private final Clock clock;

    /**
     * @param stop stops a job this process runs
     * @param ledger the memory of earlier listings
     */
    ReconcileRound(HeldJobStore store, Listing listing, Consumer<String> stop, Ledger ledger, Clock clock) {
        this.store = store;
        this.listing = listing;
        this.stop = stop;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** An upload of {@code jobId} ended without a clear answer just now. */
    void ambiguous(String jobId) {
        ledger.ambiguous(jobId, clock.instant());
    }

    /** Whether an ambiguity or a possible cancellation still waits for a later listing. */
    boolean unsettled() {
        return ledger.unsettled();
    }

    void run() throws InterruptedException {
        HeldJobs held = store.snapshot();
        Set<String> ambiguous = new HashSet<>();
        for (String jobId : held.outbox()) {
            if (store.ambiguous(jobId)) {
                ambiguous.add(jobId);
            }
        }
        Instant listingStart = clock.instant();
        Map<String, ListedJob> listed = new LinkedHashMap<>();
        listing.runningJobs().forEach(job -> listed.put(job.jobId(), job));
        apply(ledger.plan(held, ambiguous, listed, listingStart), held, listed);
    }

    private void apply(Ledger.Plan plan, HeldJobs held, Map<String, ListedJob> listed) {
        plan.resend().forEach(jobId -> {
            Log.infof("Job %s is still RUNNING at the coordinator: its report did not land, sending it again", jobId);
            store.resend(jobId);
        });
        plan.settle().forEach(jobId -> {
            Log.infof("Job %s left the RUNNING listing: its report landed, not sending it again", jobId);
            store.settleLanded(jobId);
        });
        plan.cancel().forEach(jobId -> {
            if (store.cancel(jobId)) {
                Log.infof("Job %s was cancelled by its client: stopped, nothing reported", jobId);
                stop.accept(jobId);
            }
        });
        plan.unknown().forEach(this::adoptIfUnknown);
        listed.values().stream().filter(job -> held.holds(job.jobId()) && job.expiresAt().isPresent())
                .forEach(job -> store.updateDeadline(job.jobId(), job.expiresAt().get()));
    }

    private void adoptIfUnknown(ListedJob job) {
        if (!JobIds.valid(job.jobId())) {
            Log.warnf("The coordinator lists a job with an unusable id (%d chars) as ours: not adopted",
                    job.jobId().length());
            return;
        }
        if (store.known(job.jobId())) {
            return;
        }
        Instant deadline = job.expiresAt().orElse(clock.instant().plus(Job.DEADLINE_BOUND));
        if (store.adopt(job.jobId(), job.payload(), deadline)) {
            Log.infof("Job %s is assigned to this miner but its poll answer never arrived: adopted", job.jobId());
        }
    }
}
