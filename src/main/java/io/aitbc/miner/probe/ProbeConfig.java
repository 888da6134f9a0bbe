package io.aitbc.miner.probe;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the GPU inventory is read ({@code MINER_NVIDIA_SMI_*}, decisions D29). */
@ConfigMapping(prefix = "miner.nvidia-smi")
public interface ProbeConfig extends CheckedConfig {

    /**
     * {@code MINER_NVIDIA_SMI_PATH}: the {@code nvidia-smi} executable, a bare name looked up on {@code PATH} or a
     * path; default {@code nvidia-smi}. Not found means no GPUs.
     */
    @WithDefault("nvidia-smi")
    String path();

    /** {@code MINER_NVIDIA_SMI_TIMEOUT}: how long one {@code nvidia-smi} call may run before it is killed; default 10s. */
    @WithDefault("10s")
    Duration timeout();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.nvidia-smi.timeout", timeout());
    }
}
