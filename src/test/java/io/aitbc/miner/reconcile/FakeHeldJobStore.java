package io.aitbc.miner.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.queue.HeldJobs;

/** The jobs held, in memory: what a test puts in the states, and what reconciliation did to them. */
final class FakeHeldJobStore implements HeldJobStore {

    final List<String> ready = new ArrayList<>();
    final List<String> running = new ArrayList<>();
    final List<String> outbox = new ArrayList<>();
    /** Outbox entries whose upload was ambiguous. */
    final Set<String> ambiguous = new HashSet<>();
    /** Jobs Redis knows beyond the held ones (reported, dead). */
    final Set<String> known = new HashSet<>();
    /** Held jobs that already finished: cancelling them does nothing. */
    final Set<String> finished = new HashSet<>();

    final List<String> resent = new ArrayList<>();
    final List<String> settled = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    final Map<String, Instant> deadlines = new LinkedHashMap<>();
    final Map<String, Instant> adopted = new LinkedHashMap<>();

    @Override
    public HeldJobs snapshot() {
        return new HeldJobs(List.copyOf(ready), List.of(), List.copyOf(running), List.copyOf(outbox));
    }

    @Override
    public boolean ambiguous(String jobId) {
        return ambiguous.contains(jobId);
    }

    @Override
    public void resend(String jobId) {
        ambiguous.remove(jobId);
        resent.add(jobId);
    }

    @Override
    public void settleLanded(String jobId) {
        outbox.remove(jobId);
        settled.add(jobId);
    }

    @Override
    public boolean cancel(String jobId) {
        if (finished.contains(jobId)) {
            return false;
        }
        ready.remove(jobId);
        running.remove(jobId);
        cancelled.add(jobId);
        return true;
    }

    @Override
    public void updateDeadline(String jobId, Instant deadline) {
        deadlines.put(jobId, deadline);
    }

    @Override
    public boolean known(String jobId) {
        return known.contains(jobId) || snapshot().holds(jobId);
    }

    @Override
    public boolean adopt(String jobId, JsonNode payload, Instant deadline) {
        adopted.put(jobId, deadline);
        ready.add(jobId);
        return true;
    }
}
