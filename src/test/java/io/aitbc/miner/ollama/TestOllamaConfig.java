package io.aitbc.miner.ollama;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A hand-made {@link OllamaConfig} for tests that build the Ollama classes without Quarkus.
 *
 * @param url the server
 * @param modelOptions {@code MINER_OLLAMA_MODEL_OPTIONS}
 * @param keepAlive {@code MINER_OLLAMA_KEEP_ALIVE}
 * @param preload {@code MINER_OLLAMA_PRELOAD}
 */
public record TestOllamaConfig(URI url, Optional<String> modelOptions, Duration keepAlive,
        Optional<List<String>> preload) implements OllamaConfig {

    /** The defaults for the server at {@code url}. */
    public static TestOllamaConfig of(String url) {
        return new TestOllamaConfig(URI.create(url), Optional.empty(), Duration.ofMinutes(30), Optional.empty());
    }

    /** The same with these model options (YAML). */
    public TestOllamaConfig withModelOptions(String yaml) {
        return new TestOllamaConfig(url, Optional.of(yaml), keepAlive, preload);
    }

    /** The same with these preloaded models. */
    public TestOllamaConfig withPreload(String... models) {
        return new TestOllamaConfig(url, modelOptions, keepAlive, Optional.of(List.of(models)));
    }
}
