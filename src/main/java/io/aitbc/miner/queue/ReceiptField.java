package io.aitbc.miner.queue;

import java.util.Locale;

/**
 * The fields of a receipt's hash ({@code miner:{<id>}:receipt:<receiptId>}): the one list of their names, for Java and
 * (as the Lua table {@code R}) for the scripts.
 */
enum ReceiptField {
    /** The job the receipt is for. */
    JOB_ID,
    /** The receipt exactly as received. */
    RECEIPT,
    /** {@code true}, {@code false} or {@code unchecked} (no key configured). */
    VERIFIED,
    /** When it was received (epoch ms). */
    RECEIVED_AT;

    /** The field's name in Redis. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
