package io.aitbc.miner.runner;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Inference through Ollama ({@code MINER_INFERENCE_*}, decisions D13, D14). */
@ConfigMapping(prefix = "miner.inference")
public interface InferenceConfig {

    /** {@code MINER_INFERENCE_SLOTS}: concurrent inference jobs; default GPUs × slots per device, or 1 without a GPU. */
    Optional<Integer> slots();

    /** {@code MINER_INFERENCE_FIRST_TOKEN_TIMEOUT}: wait for the first chunk, model load included; default 10m. */
    @WithDefault("10m")
    Duration firstTokenTimeout();

    /** {@code MINER_INFERENCE_IDLE_TIMEOUT}: longest pause between two chunks of the stream; default 2m. */
    @WithDefault("2m")
    Duration idleTimeout();
}
