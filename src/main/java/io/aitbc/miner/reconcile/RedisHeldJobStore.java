package io.aitbc.miner.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.queue.HeldJobs;
import io.aitbc.miner.queue.JobRecovery;
import io.aitbc.miner.queue.RetryQueue;

/** The jobs held, as the queue keeps them in Redis. */
@ApplicationScoped
class RedisHeldJobStore implements HeldJobStore {

    private final JobRecovery recovery;
    private final RetryQueue queue;

    RedisHeldJobStore(JobRecovery recovery, RetryQueue queue) {
        this.recovery = recovery;
        this.queue = queue;
    }

    @Override
    public HeldJobs snapshot() {
        return recovery.snapshot();
    }

    @Override
    public boolean ambiguous(String jobId) {
        return recovery.ambiguous(jobId);
    }

    @Override
    public void resend(String jobId) {
        recovery.resend(jobId);
    }

    @Override
    public void settleLanded(String jobId) {
        recovery.settleLanded(jobId);
    }

    @Override
    public boolean cancel(String jobId) {
        return recovery.cancel(jobId);
    }

    @Override
    public void updateDeadline(String jobId, Instant deadline) {
        recovery.updateDeadline(jobId, deadline);
    }

    @Override
    public boolean known(String jobId) {
        return recovery.known(jobId);
    }

    @Override
    public boolean adopt(String jobId, JsonNode payload, Instant deadline) {
        return queue.enqueue(jobId, payload, JsonNodeFactory.instance.objectNode(), deadline);
    }
}
