package io.aitbc.miner.scheduler;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** CPU slots ({@code MINER_CPU_SLOTS}, decisions D13). */
@ConfigMapping(prefix = "miner.cpu")
public interface CpuSlotsConfig {

    /** {@code MINER_CPU_SLOTS}: concurrent {@code cli}/{@code python} jobs without {@code slot: gpu}; default cores. */
    Optional<Integer> slots();
}
