package io.aitbc.miner.probe;

import java.util.Optional;

/**
 * One GPU the node can run jobs on: a physical GPU, or a MIG instance when MIG is enabled (decisions D29). Jobs are
 * pinned by {@link #uuid()}, never by index.
 *
 * @param index the index {@code nvidia-smi} gave (for MIG instances, the parent's index)
 * @param uuid {@code GPU-…} or {@code MIG-…}
 * @param name the product name, as the coordinator's {@code constraints.gpu} compares it
 * @param memoryTotalMb total memory in MiB (for MIG instances, the profile's size), -1 when not reported
 * @param memoryFreeMb free memory in MiB when probed, -1 when not reported (always for MIG instances)
 * @param utilizationPercent GPU utilisation when probed, -1 when not reported
 * @param mig whether this is a MIG instance
 * @param computeCap the compute capability ({@code 8.9}; a MIG instance has its parent's), empty when not reported
 */
public record GpuDevice(int index, String uuid, String name, long memoryTotalMb, long memoryFreeMb,
        int utilizationPercent, boolean mig, Optional<String> computeCap) {

    /** A device whose compute capability is not known. */
    public GpuDevice(int index, String uuid, String name, long memoryTotalMb, long memoryFreeMb,
            int utilizationPercent, boolean mig) {
        this(index, uuid, name, memoryTotalMb, memoryFreeMb, utilizationPercent, mig, Optional.empty());
    }

    /** This device with its compute capability. */
    public GpuDevice withComputeCap(Optional<String> cap) {
        return new GpuDevice(index, uuid, name, memoryTotalMb, memoryFreeMb, utilizationPercent, mig, cap);
    }
}
