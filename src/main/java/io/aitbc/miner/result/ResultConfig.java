package io.aitbc.miner.result;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The size of uploaded results ({@code MINER_RESULT_MAX_BYTES}, decisions D7). */
@ConfigMapping(prefix = "miner.result")
public interface ResultConfig {

    /**
     * {@code MINER_RESULT_MAX_BYTES}: cap on an uploaded body, under the usual proxy's 1 MiB; default {@code 900K} (up to
     * {@code 10M} when the coordinator is reached directly).
     */
    @WithDefault("900K")
    MemorySize maxBytes();
}
