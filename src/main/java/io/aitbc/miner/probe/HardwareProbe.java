package io.aitbc.miner.probe;

import java.util.Optional;

/** Finds what the node has. Behind an interface so tests can give the agent any inventory. */
public interface HardwareProbe {

    /** The inventory, probed once and then kept; never throws (a failed part reads as absent). */
    HardwareInventory inventory();

    /**
     * Why GPUs are missing or incomplete (no {@code nvidia-smi}, no driver, unreadable output…), for readiness and
     * capability data; empty when the GPU probe went well or there is nothing to say.
     */
    default Optional<String> gpuProblem() {
        return Optional.empty();
    }

    /** Whether the inventory is known, so {@link #inventory()} answers at once (the startup probe, D26). */
    default boolean isProbed() {
        return true;
    }
}
