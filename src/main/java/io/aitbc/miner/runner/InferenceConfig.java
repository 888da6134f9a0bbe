package io.aitbc.miner.runner;

import java.time.Duration;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Timeouts of inference streams ({@code MINER_INFERENCE_*}, decisions D14); the slot count is the scheduler's. */
@ConfigMapping(prefix = "miner.inference")
public interface InferenceConfig extends CheckedConfig {

    /** {@code MINER_INFERENCE_FIRST_TOKEN_TIMEOUT}: wait for the first chunk, model load included; default 10m. */
    @WithDefault("10m")
    Duration firstTokenTimeout();

    /** {@code MINER_INFERENCE_IDLE_TIMEOUT}: longest pause between two chunks of the stream; default 2m. */
    @WithDefault("2m")
    Duration idleTimeout();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .positive("miner.inference.first-token-timeout", firstTokenTimeout())
                .positive("miner.inference.idle-timeout", idleTimeout());
    }
}
