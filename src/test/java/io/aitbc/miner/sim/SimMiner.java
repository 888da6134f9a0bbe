package io.aitbc.miner.sim;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A miner as the coordinator holds it.
 *
 * @param id the miner id
 * @param status {@code ONLINE}, {@code OFFLINE} or the free text of the last heartbeat
 * @param inflight the coordinator's counter (reset by register, overwritten by heartbeat)
 * @param concurrency the registered concurrency (0: unlimited)
 * @param capabilities the registered capabilities
 * @param region the registered top-level region, or null
 * @param registrations how many times it registered (register or PUT capabilities)
 * @param lastHeartbeat the last heartbeat, or null
 * @param extraMetadata what the last heartbeat left: its {@code metadata} plus {@code architecture},
 *        {@code edge_optimized} and {@code network_latency_ms} (MINERSVC replaces it at each heartbeat), or null
 */
public record SimMiner(String id, String status, int inflight, int concurrency, JsonNode capabilities, String region,
        int registrations, Instant lastHeartbeat, JsonNode extraMetadata) {
}
