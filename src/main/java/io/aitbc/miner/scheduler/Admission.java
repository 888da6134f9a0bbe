package io.aitbc.miner.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;

/**
 * The admission rules, as plain code: a ready job is admitted when a slot of its need is free, and otherwise waits in
 * {@code ready} (remembered here with its need) until a slot of its pool frees; waiting jobs are admitted in the order
 * they arrived, and one waiting for a full pool never holds up a job of another pool. A wake-up for a job already
 * admitted or waiting is ignored. A GPU need no device here can meet takes a CPU slot, where its runner refuses it
 * with {@code E_NOGPU}. Every admitted job holds a slot until {@link #release}: no job runs without one.
 */
final class Admission {

    /**
     * A waiting job that got its slot.
     *
     * @param jobId the job
     * @param lease its slot
     */
    record Admitted(String jobId, Lease lease) {
    }

    private final SlotPools pools;
    private final Map<String, SlotNeed> waiting = new LinkedHashMap<>();
    private final Map<String, Lease> admitted = new HashMap<>();

    Admission(SlotPools pools) {
        this.pools = pools;
    }

    /** A ready job's wake-up: its slot when one of its need is free; empty when it waits (or is already here). */
    synchronized Optional<Lease> offer(String jobId, SlotNeed need) {
        if (admitted.containsKey(jobId) || waiting.containsKey(jobId)) {
            return Optional.empty();
        }
        SlotNeed effective = effective(need);
        Optional<Lease> lease = pools.tryAcquire(effective);
        if (lease.isPresent()) {
            admitted.put(jobId, lease.get());
        } else {
            waiting.put(jobId, effective);
        }
        return lease;
    }

    /**
     * A job not stored yet (just polled): its slot when one of its need is free, else empty, and nothing is remembered
     * (it is stored in {@code ready}, and its wake-up offers it then).
     */
    synchronized Optional<Lease> admitNew(String jobId, SlotNeed need) {
        if (admitted.containsKey(jobId) || waiting.containsKey(jobId)) {
            return Optional.empty();
        }
        Optional<Lease> lease = pools.tryAcquire(effective(need));
        lease.ifPresent(granted -> admitted.put(jobId, granted));
        return lease;
    }

    /**
     * The admitted job is done with its slot (it ran, or its claim failed): the slot is freed and the waiting jobs that
     * now find one are admitted, oldest first.
     */
    synchronized List<Admitted> release(String jobId) {
        Lease lease = admitted.remove(jobId);
        if (lease == null) {
            return List.of();
        }
        lease.release();
        return reconsider();
    }

    private SlotNeed effective(SlotNeed need) {
        return pools.canMeet(need) ? need : SlotNeed.of(SlotKind.CPU);
    }

    /** The waiting jobs that find a slot now (one was freed, or a GPU takes jobs again), oldest first, admitted. */
    synchronized List<Admitted> reconsider() {
        List<Admitted> next = new ArrayList<>();
        for (Iterator<Map.Entry<String, SlotNeed>> it = waiting.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, SlotNeed> candidate = it.next();
            Optional<Lease> freed = pools.tryAcquire(candidate.getValue());
            if (freed.isPresent()) {
                it.remove();
                admitted.put(candidate.getKey(), freed.get());
                next.add(new Admitted(candidate.getKey(), freed.get()));
            }
        }
        return next;
    }
}
