package io.aitbc.miner.inference;

import java.time.Duration;
import java.util.List;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Inference backends, stream timeouts, the default token budget and the deep probe ({@code MINER_INFERENCE_*},
 * decisions D14, D40, D41); the slot count is the scheduler's.
 */
@ConfigMapping(prefix = "miner.inference")
public interface InferenceConfig extends CheckedConfig {

    /**
     * {@code MINER_INFERENCE_BACKEND}: {@code ollama}, {@code openai}, or both ({@code ollama,openai}: each model is
     * served by the first listed backend that has it); default {@code ollama}.
     */
    @WithDefault("ollama")
    List<Backend> backend();

    /** {@code MINER_INFERENCE_FIRST_TOKEN_TIMEOUT}: wait for the first chunk, model load included; default 10m. */
    @WithDefault("10m")
    Duration firstTokenTimeout();

    /** {@code MINER_INFERENCE_IDLE_TIMEOUT}: longest pause between two chunks of the stream; default 2m. */
    @WithDefault("2m")
    Duration idleTimeout();

    /**
     * {@code MINER_INFERENCE_MAX_TOKENS}: {@code max_tokens} sent to an OpenAI-compatible server when the job sets no
     * {@code options.num_predict} (never the server's own default, vLLM's is 16); default 1024.
     */
    @WithDefault("1024")
    int maxTokens();

    /**
     * {@code MINER_INFERENCE_PROBE_INTERVAL}: period of the deep probe, a one-token generation per backend while it
     * runs no job, and of the model-list check that triggers benchmarks; default 60s.
     */
    @WithDefault("60s")
    Duration probeInterval();

    /** {@code MINER_INFERENCE_PROBE_TIMEOUT}: deadline of one deep-probe or benchmark generation; default 30s. */
    @WithDefault("30s")
    Duration probeTimeout();

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems()
                .require(!backend().isEmpty(), "miner.inference.backend", "must name ollama, openai or both")
                .require(backend().stream().distinct().count() == backend().size(), "miner.inference.backend",
                        "names a backend twice")
                .positive("miner.inference.first-token-timeout", firstTokenTimeout())
                .positive("miner.inference.idle-timeout", idleTimeout())
                .atLeast("miner.inference.max-tokens", maxTokens(), 1)
                .positive("miner.inference.probe-interval", probeInterval())
                .positive("miner.inference.probe-timeout", probeTimeout());
    }
}
