package io.aitbc.miner.ollama;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the node's Ollama server is ({@code MINER_OLLAMA_URL}). */
@ConfigMapping(prefix = "miner.ollama")
public interface OllamaConfig {

    /** {@code MINER_OLLAMA_URL}: the Ollama server for inference jobs; default {@code http://127.0.0.1:11434}. */
    @WithDefault("http://127.0.0.1:11434")
    URI url();
}
