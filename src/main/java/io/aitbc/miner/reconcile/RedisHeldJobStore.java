package io.aitbc.miner.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.queue.Custody;
import io.aitbc.miner.queue.HeldJobs;
import io.aitbc.miner.queue.RetryQueue;

/** The jobs held, as the queue keeps them in Redis. */
@ApplicationScoped
class RedisHeldJobStore implements HeldJobStore {

    private final Custody custody;
    private final RetryQueue queue;

    RedisHeldJobStore(Custody custody, RetryQueue queue) {
        this.custody = custody;
        this.queue = queue;
    }

    @Override
    public HeldJobs snapshot() {
        return custody.snapshot();
    }

    @Override
    public boolean ambiguous(String jobId) {
        return custody.ambiguous(jobId);
    }

    @Override
    public void resend(String jobId) {
        custody.resend(jobId);
    }

    @Override
    public void settleLanded(String jobId) {
        custody.settleLanded(jobId);
    }

    @Override
    public boolean cancel(String jobId) {
        return custody.cancel(jobId);
    }

    @Override
    public void updateDeadline(String jobId, Instant deadline) {
        custody.updateDeadline(jobId, deadline);
    }

    @Override
    public boolean known(String jobId) {
        return custody.known(jobId);
    }

    @Override
    public boolean adopt(String jobId, JsonNode payload, Instant deadline) {
        return queue.enqueue(jobId, payload, JsonNodeFactory.instance.objectNode(), deadline);
    }
}
