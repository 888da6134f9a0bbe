package io.aitbc.miner.queue;

import java.time.Instant;
import java.util.Map;

/**
 * The lasting totals as Redis last held them (D45): counted by the scripts that settle jobs, so they survive restarts
 * and count every job once.
 *
 * @param jobs settled jobs by type, outcome ({@code result}, {@code fail}, {@code not_found}, {@code cancelled}) and
 *        error code ({@code none} for all but failures)
 * @param billedMs milliseconds billed by unit type, of results the coordinator took
 * @param earningsMicro earnings in millionths by unit type: the receipts' {@code price}, or the coordinator's rule for
 *        the metrics sent where no receipt came
 * @param receipts receipts received by {@code verified} ({@code true}, {@code false}, {@code unchecked})
 * @param teeStatuses receipts' {@code tee_status} by bounded label, one per job (D42)
 */
public record Totals(Map<JobTally, Long> jobs, Map<String, Long> billedMs, Map<String, Long> earningsMicro,
        Map<String, Long> receipts, Map<String, Long> teeStatuses) {

    /** The labels of one count of jobs. */
    public record JobTally(String type, String outcome, String errorCode) {
    }

    /**
     * One hour's bucket.
     *
     * @param start the hour's first instant
     * @param jobs jobs settled in it, by outcome
     * @param billedMs milliseconds billed
     * @param earningsMicro earnings in millionths
     */
    public record Hour(Instant start, Map<String, Long> jobs, long billedMs, long earningsMicro) {
    }

    /** Nothing counted yet. */
    public static final Totals NONE = new Totals(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
}
