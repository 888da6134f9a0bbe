package io.aitbc.miner.job;

import java.util.Locale;
import java.util.Set;

/**
 * A CDI event: the coordinator's receipt told what became of a job's TEE attestation (D42), or no quote could be made.
 *
 * @param jobId the job
 * @param status the receipt's {@code tee_status} as sent ({@code verified}, {@code attestation_rejected},
 *        {@code error: …}), {@link #NO_RECEIPT} when a quote went out but no receipt came back, or {@link #QUOTE_ERROR}
 * @param quoteSent whether the agent's own quote went with the result (else the coordinator made its own)
 */
public record TeeQuoteAnswered(String jobId, String status, boolean quoteSent) {

    /** A quote went out, but the coordinator signs no receipts, so it checked nothing. */
    public static final String NO_RECEIPT = "no_receipt";
    /** The key could not sign (a token gone): the result went without a quote. */
    public static final String QUOTE_ERROR = "quote_error";
    /** The label of a status outside {@link #LABELS}. */
    public static final String OTHER = "other";
    /** The coordinator's {@code tee_status} words (§3.3) and the agent's two: what metrics and totals count by. */
    public static final Set<String> LABELS = Set.of("verified", "not_required", "attestation_rejected",
            "enclave_mismatch", "attestation_not_found", "attestation_not_verified", "measurement_mismatch",
            "auto_generation_rejected", "auto_generation_error", "error", NO_RECEIPT, QUOTE_ERROR);

    /** The bounded label of a {@code tee_status}: its first word ({@code error: …} → {@code error}), else other. */
    public static String label(String status) {
        String word = status.split(":", 2)[0].strip().toLowerCase(Locale.ROOT);
        return LABELS.contains(word) ? word : OTHER;
    }
}
