package io.aitbc.miner.probe;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How GPU use is sampled while jobs run ({@code MINER_GPU_SAMPLE_*}). */
@ConfigMapping(prefix = "miner.gpu-sample")
public interface GpuSampleConfig {

    /**
     * {@code MINER_GPU_SAMPLE_INTERVAL}: period of {@code nvidia-smi} usage queries while at least one job holds a
     * GPU (none while idle); default 2s.
     */
    @WithDefault("2s")
    Duration interval();
}
