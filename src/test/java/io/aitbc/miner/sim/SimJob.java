package io.aitbc.miner.sim;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job as the simulator holds it; {@code state} shows {@code EXPIRED} once the TTL passed, as a coordinator read does.
 *
 * @param id the 32-hex job id
 * @param state the state
 * @param assignedMiner the miner it is assigned to, or null
 * @param error the error of the last {@code /fail}, or null
 * @param payload the payload as submitted
 * @param constraints the constraints with every field
 * @param requestedAt when it was submitted
 * @param expiresAt when its TTL ends
 * @param reports every {@code /result} and {@code /fail} received, oldest first
 * @param assignedAt when a poll assigned it, or null
 */
public record SimJob(String id, SimJobState state, String assignedMiner, String error, JsonNode payload,
        JsonNode constraints, Instant requestedAt, Instant expiresAt, List<SimReport> reports, Instant assignedAt) {
}
