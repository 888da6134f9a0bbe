package io.aitbc.miner.coordinator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job the coordinator assigned to this miner by a poll: from now on the agent alone can save it.
 *
 * @param jobId the job id as sent (not yet validated)
 * @param payload exactly what the client submitted
 * @param constraints the dispatch constraints
 */
public record PolledJob(String jobId, JsonNode payload, JsonNode constraints) {
}
