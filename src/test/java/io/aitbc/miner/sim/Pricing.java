package io.aitbc.miner.sim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.sim.SimStore.JobEntry;

/**
 * How the coordinator prices a result (protocol, "How the coordinator prices a result"), with Python's number types:
 * integers stay integers, a division gives a float, {@code round(x, 6)} rounds the exact binary value half-even.
 */
final class Pricing {

    private static final DoubleNode DEFAULT_UNIT_PRICE = DoubleNode.valueOf(0.02);

    private Pricing() {
    }

    /**
     * A priced result.
     *
     * @param units billed units
     * @param unitType the unit
     * @param unitPrice price per unit
     * @param price the bill
     * @param metrics the metrics as the receipt carries them ({@code duration_ms = int(units*1000)})
     */
    record Bill(JsonNode units, String unitType, JsonNode unitPrice, JsonNode price, ObjectNode metrics) {
    }

    static Bill price(JobEntry job, JsonNode result, JsonNode metricsIn, Instant now) {
        ObjectNode metrics = metricsIn.isObject() ? ((ObjectNode) metricsIn).deepCopy() : PythonJson.object();
        JsonNode units = first(metrics.get("units"), result.get("units"));
        if (units == null) {
            if (!metrics.path("duration_ms").isNumber()) {
                JsonNode exec = result.get("execution_time");
                long ms = exec != null && exec.isNumber() && exec.doubleValue() > 0
                        ? (long) (exec.doubleValue() * 1000)
                        : Duration.between(job.requestedAt, now).toMillis();
                metrics.put("duration_ms", ms);
            }
            units = DoubleNode.valueOf(metrics.get("duration_ms").doubleValue() / 1000);
        }
        String unitType = metrics.hasNonNull("unit_type") ? metrics.get("unit_type").asText()
                : result.path("unit_type").asText("gpu_seconds");
        JsonNode unitPrice = first(metrics.get("unit_price"), result.get("unit_price"));
        unitPrice = unitPrice == null ? DEFAULT_UNIT_PRICE : unitPrice;
        JsonNode price = first(metrics.get("price"), result.get("price"), metrics.get("aitbc_earned"),
                result.get("aitbc_earned"), metrics.get("cost"), result.get("cost"));
        if (price == null) {
            price = multiplyRounded(units, unitPrice);
        }
        metrics.set("duration_ms", BigIntegerNode.valueOf(units.isIntegralNumber()
                ? units.bigIntegerValue().multiply(BigInteger.valueOf(1000))
                : BigInteger.valueOf((long) (units.doubleValue() * 1000))));
        return new Bill(units, unitType, unitPrice, price, metrics);
    }

    /** {@code round(a * b, 6)} in Python. */
    static JsonNode multiplyRounded(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            return BigIntegerNode.valueOf(a.bigIntegerValue().multiply(b.bigIntegerValue()));
        }
        double product = a.doubleValue() * b.doubleValue();
        if (!Double.isFinite(product)) {
            return DoubleNode.valueOf(product);
        }
        return DoubleNode.valueOf(new BigDecimal(product).setScale(6, RoundingMode.HALF_EVEN).doubleValue());
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate != null && candidate.isNumber()) {
                return candidate;
            }
        }
        return null;
    }
}
