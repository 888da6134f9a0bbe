package io.aitbc.miner.probe;

import java.util.List;
import java.util.Optional;

/**
 * What one run of {@code nvidia-smi} found.
 *
 * @param gpus usable devices (MIG instances in place of MIG-enabled GPUs), empty when none
 * @param cuda the driver's CUDA version, e.g. {@code 12.4}
 * @param problem why GPUs are missing or incomplete, for readiness and capability data; empty when all went well
 */
public record GpuScan(List<GpuDevice> gpus, Optional<String> cuda, Optional<String> problem) {

    /** Copies the list so the scan cannot change later. */
    public GpuScan {
        gpus = List.copyOf(gpus);
    }

    /** No GPUs, for the given reason. */
    public static GpuScan none(String reason) {
        return new GpuScan(List.of(), Optional.empty(), Optional.of(reason));
    }
}
