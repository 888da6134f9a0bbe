package io.aitbc.miner.sim;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code /result} or {@code /fail} the simulator received for a job.
 *
 * @param kind which call
 * @param minerId the caller
 * @param body the request body
 * @param receiptJson the receipt exactly as answered (null for a failure or without signing)
 * @param at when it arrived
 */
public record SimReport(Kind kind, String minerId, JsonNode body, String receiptJson, Instant at) {

    /** The report calls. */
    public enum Kind {
        RESULT,
        FAIL
    }

    /** The receipt as a tree, or null. */
    public JsonNode receipt() {
        return receiptJson == null ? null : PythonJson.parse(receiptJson);
    }
}
