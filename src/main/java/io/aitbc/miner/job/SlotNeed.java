package io.aitbc.miner.job;

import java.util.Optional;

/**
 * The slot a job needs before it is claimed (D13).
 *
 * @param kind its pool; empty for a job that fails at once (unknown type, unusable payload) and needs no slot
 * @param minVramGb {@code constraints.min_vram_gb} of a GPU job, 0 when not set
 */
public record SlotNeed(Optional<SlotKind> kind, double minVramGb) {

    /** No slot: the job fails before it runs anything. */
    public static final SlotNeed NONE = new SlotNeed(Optional.empty(), 0);

    /** A slot of {@code kind} with no VRAM requirement. */
    public static SlotNeed of(SlotKind kind) {
        return new SlotNeed(Optional.of(kind), 0);
    }
}
