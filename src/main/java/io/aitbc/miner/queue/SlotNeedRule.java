package io.aitbc.miner.queue;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.SlotNeed;

/**
 * Which slot a job needs, decided from its payload and constraints when it enters the queue, so that the need is
 * stored with the job and every wake-up carries it. The scheduler owns the rule; the queue only asks.
 */
public interface SlotNeedRule {

    /** The slot the job needs. */
    SlotNeed of(JsonNode payload, JsonNode constraints);
}
