package io.aitbc.miner.queue;

import java.util.Locale;

/**
 * The families of the lasting totals (D45), the one list of their names: fields of {@code miner:{<id>}:totals} are
 * {@code <family>:<label>:…} (jobs by type, outcome and error code; billed ms, earnings, receipts and TEE statuses by their
 * label),
 * and the hourly buckets hold one field per family. Lua reads them as the table {@code T}.
 */
enum TotalField {
    /** Jobs settled: {@code jobs:<type>:<outcome>:<error code>} in the totals, {@code jobs:<outcome>} in a bucket. */
    JOBS,
    /** Milliseconds billed, by unit type. */
    BILLED_MS,
    /** Earnings in millionths (the receipts' {@code price}, or the coordinator's rule without one), by unit type. */
    EARNINGS_MICRO,
    /** Receipts received, by {@code verified} ({@code true}, {@code false}, {@code unchecked}). */
    RECEIPTS,
    /** Receipts' {@code tee_status}, one per job, by its bounded label (D42: {@code TeeQuoteAnswered#label}). */
    TEE;

    /** What separates a family from its labels in a field name. */
    static final String SEPARATOR = ":";

    /** The family's name in Redis. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
