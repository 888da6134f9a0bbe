package io.aitbc.miner.ollama;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The node's Ollama server and how the agent uses it ({@code MINER_OLLAMA_*}, decisions D14, D41). */
@ConfigMapping(prefix = "miner.ollama")
public interface OllamaConfig extends CheckedConfig {

    /** {@code MINER_OLLAMA_URL}: the Ollama server for inference jobs; default {@code http://127.0.0.1:11434}. */
    @WithDefault("http://127.0.0.1:11434")
    URI url();

    /**
     * {@code MINER_OLLAMA_MODEL_OPTIONS}: per-model allocation options ({@code num_ctx}, {@code num_gpu},
     * {@code use_mlock}, {@code num_thread}) as a YAML mapping from model name to options, e.g.
     * {@code {"llama3.2:3b": {num_ctx: 8192, num_gpu: 99}}}; sent with every request for that model, never taken from
     * a job; default none.
     */
    Optional<String> modelOptions();

    /**
     * {@code MINER_OLLAMA_KEEP_ALIVE}: {@code keep_alive} of every request, how long Ollama keeps the model loaded
     * afterwards (negative: for ever); default 30m.
     */
    @WithDefault("30m")
    Duration keepAlive();

    /** {@code MINER_OLLAMA_PRELOAD}: models loaded at start-up (an empty generate), comma-separated; default none. */
    Optional<List<String>> preload();

    @Override
    default ConfigProblems problems() {
        ConfigProblems problems = new ConfigProblems().require(!keepAlive().isZero(), "miner.ollama.keep-alive",
                "must not be zero (Ollama would unload the model after every job)");
        try {
            ModelOptions.parse(modelOptions());
        } catch (IllegalArgumentException e) {
            problems.require(false, "miner.ollama.model-options", e.getMessage());
        }
        return problems;
    }
}
