package io.aitbc.miner.job;

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
}
