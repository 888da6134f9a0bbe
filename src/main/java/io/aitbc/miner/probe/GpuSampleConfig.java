package io.aitbc.miner.probe;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How GPU use is sampled while jobs run ({@code MINER_GPU_SAMPLE_*}). */
@ConfigMapping(prefix = "miner.gpu-sample")
public interface GpuSampleConfig extends CheckedConfig {

    /**
     * {@code MINER_GPU_SAMPLE_INTERVAL}: period of {@code nvidia-smi} usage queries while at least one job holds a
     * GPU (none while idle); default 2s.
     */
    @WithDefault("2s")
    Duration interval();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.gpu-sample.interval", interval());
    }
}
