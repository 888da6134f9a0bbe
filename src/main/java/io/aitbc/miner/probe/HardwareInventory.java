package io.aitbc.miner.probe;

import java.util.List;
import java.util.Optional;

/**
 * What the node has, as probed at start-up: the basis of the capability document and of the slot pools.
 *
 * @param cpuCores logical processors
 * @param cpuModel the processor's name
 * @param architecture the machine architecture, e.g. {@code x86_64}
 * @param memoryTotalBytes physical memory
 * @param diskFreeBytes free space where job workspaces live
 * @param gpus usable GPUs (empty without a driver)
 * @param cuda the driver's CUDA version, empty without a driver
 */
public record HardwareInventory(int cpuCores, String cpuModel, String architecture, long memoryTotalBytes,
        long diskFreeBytes, List<GpuDevice> gpus, Optional<String> cuda) {

    /** Whether at least one GPU was found. */
    public boolean hasGpu() {
        return !gpus.isEmpty();
    }
}
