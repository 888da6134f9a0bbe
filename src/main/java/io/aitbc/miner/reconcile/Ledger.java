package io.aitbc.miner.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aitbc.miner.coordinator.ListedJob;
import io.aitbc.miner.queue.HeldJobs;

/**
 * The memory and the rules of reconciliation (D6), as plain code: what each complete RUNNING listing proves about the
 * jobs held. An outbox entry whose upload was ambiguous is resent when a listing taken at least the reconcile delay
 * after the ambiguous call still shows it running, and settled as landed when two such listings do not; a held,
 * unfinished job missing from two listings at least one poll interval apart was cancelled by its client.
 */
final class Ledger {

    private final Duration delay;
    private final Duration pollInterval;
    private final Instant startedAt;
    private final Map<String, Instant> ambiguousSince = new HashMap<>();
    private final Map<String, Integer> outboxMisses = new HashMap<>();
    private final Map<String, Instant> missingSince = new HashMap<>();

    Ledger(Duration delay, Duration pollInterval, Instant startedAt) {
        this.delay = delay;
        this.pollInterval = pollInterval;
        this.startedAt = startedAt;
    }

    /** An upload of {@code jobId} ended without a clear answer at {@code at}. */
    synchronized void ambiguous(String jobId, Instant at) {
        ambiguousSince.put(jobId, at);
        outboxMisses.remove(jobId);
    }

    /**
     * What a complete listing taken at {@code listingStart} proves.
     *
     * @param held what Redis held before the listing was taken
     * @param ambiguousOutbox the outbox entries whose upload is unsettled
     * @param listed the listing, by job id
     */
    synchronized Plan plan(HeldJobs held, Set<String> ambiguousOutbox, Map<String, ListedJob> listed,
            Instant listingStart) {
        List<String> resend = new ArrayList<>();
        List<String> settle = new ArrayList<>();
        for (String jobId : ambiguousOutbox) {
            if (listingStart.isBefore(ambiguousSince.getOrDefault(jobId, startedAt).plus(delay))) {
                continue;
            }
            if (listed.containsKey(jobId)) {
                resend.add(jobId);
                forget(jobId);
            } else if (outboxMisses.merge(jobId, 1, Integer::sum) >= 2) {
                settle.add(jobId);
                forget(jobId);
            }
        }
        List<String> cancel = cancelled(held.unfinished(), listed, listingStart);
        List<ListedJob> unknown = listed.values().stream().filter(job -> !held.holds(job.jobId())).toList();
        outboxMisses.keySet().retainAll(ambiguousOutbox);
        ambiguousSince.keySet().retainAll(held.outbox());
        return new Plan(resend, settle, cancel, unknown);
    }

    /** Whether a follow-up round is needed soon: an ambiguity or a possible cancellation is not settled yet. */
    synchronized boolean unsettled() {
        return !outboxMisses.isEmpty() || !missingSince.isEmpty() || !ambiguousSince.isEmpty();
    }

    private List<String> cancelled(List<String> unfinished, Map<String, ListedJob> listed, Instant listingStart) {
        List<String> cancel = new ArrayList<>();
        for (String jobId : unfinished) {
            if (listed.containsKey(jobId)) {
                missingSince.remove(jobId);
                continue;
            }
            Instant first = missingSince.putIfAbsent(jobId, listingStart);
            if (first != null && !listingStart.isBefore(first.plus(pollInterval))) {
                cancel.add(jobId);
                missingSince.remove(jobId);
            }
        }
        missingSince.keySet().retainAll(unfinished);
        return cancel;
    }

    private void forget(String jobId) {
        ambiguousSince.remove(jobId);
        outboxMisses.remove(jobId);
    }

    /**
     * What to do after one listing.
     *
     * @param resend outbox entries whose upload did not land
     * @param settle outbox entries whose report landed
     * @param cancel unfinished jobs their clients cancelled
     * @param unknown listed jobs the snapshot did not hold: adopted unless Redis knows them
     */
    record Plan(List<String> resend, List<String> settle, List<String> cancel, List<ListedJob> unknown) {
    }
}
