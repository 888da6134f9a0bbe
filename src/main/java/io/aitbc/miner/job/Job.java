package io.aitbc.miner.job;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job the agent holds, as a runner sees it after claiming it.
 *
 * @param id the coordinator's job id, already checked against decisions D5
 * @param payload what the client submitted, untouched (not necessarily an object)
 * @param constraints the dispatch constraints sent with the job
 * @param deadline when the coordinator stops waiting for a report (D8)
 * @param attempt 1 for the first run, then one more for each local retry
 */
public record Job(String id, JsonNode payload, JsonNode constraints, Instant deadline, int attempt) {

    /**
     * The coordinator's default TTL, counted from submission: an upper bound of a job's deadline until a listing gives
     * its {@code expires_at} (D8).
     */
    public static final Duration DEADLINE_BOUND = Duration.ofSeconds(900);
}
