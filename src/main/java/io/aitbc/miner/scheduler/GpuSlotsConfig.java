package io.aitbc.miner.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GPU slots ({@code MINER_GPU_SLOTS_PER_DEVICE}, decisions D13). */
@ConfigMapping(prefix = "miner.gpu")
public interface GpuSlotsConfig {

    /** {@code MINER_GPU_SLOTS_PER_DEVICE}: concurrent jobs per detected GPU; also sizes the inference pool; default 1. */
    @WithDefault("1")
    int slotsPerDevice();
}
