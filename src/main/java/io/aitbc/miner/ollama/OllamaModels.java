package io.aitbc.miner.ollama;

import java.util.List;
import java.util.Optional;

/**
 * What Ollama's {@code /api/tags} said: the installed models (both name forms, decisions D14), or why Ollama could not
 * be asked. Registration uses {@link #reachable()} to tell whether the inference runner is usable.
 *
 * @param reachable whether Ollama answered the listing
 * @param names installed models, untagged and {@code :latest} forms both listed; empty when unreachable
 * @param problem why Ollama could not be listed; empty when reachable
 */
public record OllamaModels(boolean reachable, List<String> names, Optional<String> problem) {

    /** A listing Ollama answered. */
    public static OllamaModels of(List<String> names) {
        return new OllamaModels(true, List.copyOf(names), Optional.empty());
    }

    /** Ollama could not be listed, for the given reason. */
    public static OllamaModels unreachable(String problem) {
        return new OllamaModels(false, List.of(), Optional.of(problem));
    }
}
