package io.aitbc.miner.queue;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A coordinator receipt as kept in Redis.
 *
 * @param id the receipt's {@code receipt_id}
 * @param json the receipt exactly as received
 * @param verified {@code true}, {@code false} or {@code unchecked} (no key configured)
 * @param price the receipt's {@code price}, what the job earned (the lasting totals count it, D45)
 */
public record StoredReceipt(String id, String json, String verified, Optional<BigDecimal> price) {
}
