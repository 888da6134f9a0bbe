package io.aitbc.miner.lifecycle;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The drain on SIGTERM ({@code MINER_DRAIN_*}, decisions D25). */
@ConfigMapping(prefix = "miner.drain")
public interface DrainConfig extends CheckedConfig {

    /**
     * {@code MINER_DRAIN_TIMEOUT}: how long a drain waits for running jobs and the outbox before the agent
     * deregisters and exits anyway (what is left stays in Redis); default 60s.
     */
    @WithDefault("60s")
    Duration timeout();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().notNegative("miner.drain.timeout", timeout());
    }
}
