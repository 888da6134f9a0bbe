package io.aitbc.miner.job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The slot a job needs before it is claimed (D13), stored with the job when it enters the queue. Every job needs one:
 * a job that fails at once (unknown type, unusable payload, unlisted entry) takes a CPU slot for its refusal.
 *
 * @param kind its pool
 * @param minVramGb {@code constraints.min_vram_gb} of a GPU job, 0 when not set
 */
public record SlotNeed(SlotKind kind, double minVramGb) {

    /** A slot of {@code kind} with no VRAM requirement. */
    public static SlotNeed of(SlotKind kind) {
        return new SlotNeed(kind, 0);
    }

    /** {@code constraints.min_vram_gb}, 0 when absent or not a number. */
    public static double minVramGb(JsonNode constraints) {
        JsonNode value = constraints == null ? null : constraints.get("min_vram_gb");
        return value != null && value.isNumber() ? Math.max(0, value.asDouble()) : 0;
    }
}
