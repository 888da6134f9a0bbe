package io.aitbc.miner.result;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The size of uploaded results ({@code MINER_RESULT_MAX_BYTES}, decisions D7). */
@ConfigMapping(prefix = "miner.result")
public interface ResultConfig extends CheckedConfig {

    /**
     * {@code MINER_RESULT_MAX_BYTES}: cap on an uploaded body, under the usual proxy's 1 MiB; default {@code 900K} (up to
     * {@code 10M} when the coordinator is reached directly).
     */
    @WithDefault("900K")
    MemorySize maxBytes();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().between("miner.result.max-bytes", maxBytes(), "4K", "10M");
    }
}
