package io.aitbc.miner.job;

import java.util.Optional;

/**
 * The slot a claimed job holds while it runs, handed to its runner (D13).
 *
 * @param slot the pool of the slot; it also sets the billed unit (D20)
 * @param gpuUuid the UUID of the GPU a {@link SlotKind#GPU} slot pins the job to ({@code CUDA_VISIBLE_DEVICES})
 */
public record Placement(SlotKind slot, Optional<String> gpuUuid) {

    /** A slot of {@code slot}'s pool, on no particular device. */
    public static Placement of(SlotKind slot) {
        return new Placement(slot, Optional.empty());
    }
}
