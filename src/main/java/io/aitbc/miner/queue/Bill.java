package io.aitbc.miner.queue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a result bills, read from the billing block of its upload body (D20) when the outcome is committed, so the
 * script that settles the report can count it (D45): the unit type, the milliseconds and the price the coordinator's
 * rule gives for them ({@code round(duration_ms / 1000 * unit_price, 6)}, unit price 0.02 when absent), in
 * millionths. A receipt's own price replaces the estimate when one comes.
 *
 * @param unitType {@code gpu_seconds} or {@code cpu_seconds}
 * @param billedMs {@code metrics.duration_ms}
 * @param priceMicro the price in millionths
 */
record Bill(String unitType, long billedMs, long priceMicro) {

    private static final double DEFAULT_UNIT_PRICE = 0.02;

    /** The bill of a {@code /result} body; empty for a failure or a body without {@code metrics.duration_ms}. */
    static Optional<Bill> of(JsonNode body) {
        JsonNode metrics = body.path("metrics");
        if (!body.has("result") || !metrics.path("duration_ms").isNumber()) {
            return Optional.empty();
        }
        long ms = metrics.get("duration_ms").asLong();
        double unitPrice = metrics.path("unit_price").isNumber() ? metrics.get("unit_price").asDouble()
                : DEFAULT_UNIT_PRICE;
        double price = ms / 1000.0 * unitPrice;
        long micro = Double.isFinite(price) ? new BigDecimal(price).setScale(6, RoundingMode.HALF_EVEN).movePointRight(6)
                .longValue() : 0;
        return Optional.of(new Bill(metrics.path("unit_type").asText("gpu_seconds"), ms, micro));
    }

    /** A price (a receipt's {@code price}) in millionths, half-even. */
    static long micro(BigDecimal price) {
        return price.setScale(6, RoundingMode.HALF_EVEN).movePointRight(6).longValue();
    }

    /** The arguments {@code complete.lua} takes: unit type, ms, price; three empty strings without a bill. */
    static String[] arguments(Optional<Bill> bill) {
        return bill.map(b -> new String[] { b.unitType(), Long.toString(b.billedMs()), Long.toString(b.priceMicro()) })
                .orElseGet(() -> new String[] { "", "", "" });
    }
}
