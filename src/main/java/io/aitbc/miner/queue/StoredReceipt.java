package io.aitbc.miner.queue;

/**
 * A coordinator receipt as kept in Redis.
 *
 * @param id the receipt's {@code receipt_id}
 * @param json the receipt exactly as received
 * @param verified {@code true}, {@code false} or {@code unchecked} (no key configured)
 */
public record StoredReceipt(String id, String json, String verified) {
}
