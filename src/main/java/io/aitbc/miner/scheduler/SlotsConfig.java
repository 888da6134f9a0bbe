package io.aitbc.miner.scheduler;

import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The sizes of the three slot pools ({@code MINER_*_SLOTS*}, decisions D13). */
@ConfigMapping(prefix = "miner")
public interface SlotsConfig extends CheckedConfig {

    /** {@code MINER_INFERENCE_SLOTS}: concurrent inference jobs; default GPUs × slots per device, or 1 without a GPU. */
    @WithName("inference.slots")
    Optional<Integer> inferenceSlots();

    /** {@code MINER_GPU_SLOTS_PER_DEVICE}: concurrent jobs per detected GPU; also sizes the inference pool; default 1. */
    @WithName("gpu.slots-per-device")
    @WithDefault("1")
    int gpuSlotsPerDevice();

    /** {@code MINER_CPU_SLOTS}: concurrent {@code cli}/{@code python} jobs without {@code slot: gpu}; default cores. */
    @WithName("cpu.slots")
    Optional<Integer> cpuSlots();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .atLeast("miner.inference.slots", inferenceSlots(), 1)
                .atLeast("miner.gpu.slots-per-device", gpuSlotsPerDevice(), 1)
                .atLeast("miner.cpu.slots", cpuSlots(), 1);
    }
}
