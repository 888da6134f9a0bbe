package io.aitbc.miner.result;

import java.math.BigDecimal;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.SlotKind;

/**
 * The billing block of a job's {@code metrics} (D20): {@code duration_ms} is the runner's measured wall time of the
 * work (no queueing, no upload), {@code unit_type} follows the slot the job held ({@code gpu_seconds} for inference and
 * GPU slots, {@code cpu_seconds} for CPU slots), {@code unit_price} is {@code MINER_PRICE}.
 */
final class BillingMetrics {

    private final BigDecimal unitPrice;

    BillingMetrics(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }

    /** A new block for work that took {@code measured} on a slot of {@code slot}'s pool. */
    ObjectNode block(Duration measured, SlotKind slot) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("duration_ms", measured.toMillis());
        metrics.put("unit_type", unitType(slot));
        metrics.put("unit_price", unitPrice);
        return metrics;
    }

    static String unitType(SlotKind slot) {
        return switch (slot) {
            case INFERENCE, GPU -> "gpu_seconds";
            case CPU -> "cpu_seconds";
        };
    }
}
