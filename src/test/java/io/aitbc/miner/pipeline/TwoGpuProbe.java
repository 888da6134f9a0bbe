package io.aitbc.miner.pipeline;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.probe.ProbeConfig;

/** A node with two GPUs (24 and 48 GiB), for scheduling tests; enabled only by {@link TwoGpuProfile}. */
@Alternative
@ApplicationScoped
public class TwoGpuProbe implements HardwareProbe {

    static final String SMALL = "GPU-00000000-0000-0000-0000-000000000024";
    static final String LARGE = "GPU-00000000-0000-0000-0000-000000000048";

    /** Takes the real probe's configuration so that its {@code miner.nvidia-smi.*} keys still map (unused here). */
    public TwoGpuProbe(ProbeConfig unused) {
    }

    @Override
    public HardwareInventory inventory() {
        return new HardwareInventory(2, "test CPU", "x86_64", 16L << 30, 100L << 30,
                List.of(new GpuDevice(0, SMALL, "NVIDIA L4", 24 * 1024, 24 * 1024, 0, false),
                        new GpuDevice(1, LARGE, "NVIDIA L40S", 48 * 1024, 48 * 1024, 0, false)),
                Optional.of("12.4"));
    }
}
