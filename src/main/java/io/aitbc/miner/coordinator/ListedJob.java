package io.aitbc.miner.coordinator;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job the coordinator lists as RUNNING and assigned to this miner.
 *
 * @param jobId the job id as listed (not yet validated)
 * @param expiresAt when its TTL ends ({@code expires_at}, naive UTC in the listing), when given
 * @param payload what the client submitted
 */
public record ListedJob(String jobId, Optional<Instant> expiresAt, JsonNode payload) {
}
