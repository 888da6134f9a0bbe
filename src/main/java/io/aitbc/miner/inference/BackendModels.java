package io.aitbc.miner.inference;

import java.util.List;
import java.util.Optional;

/**
 * What a backend's model listing said, or why it could not be asked.
 *
 * @param reachable whether the backend answered the listing
 * @param models the distinct models it serves, each under one name it accepts (what benchmarks measure)
 * @param names every name a job may use for them, as the capability document lists them: both forms of Ollama's
 *        {@code :latest} names (D14), an OpenAI-compatible server's ids plus the names mapped to them (D40)
 * @param problem why the backend could not be listed; empty when reachable
 */
public record BackendModels(boolean reachable, List<String> models, List<String> names, Optional<String> problem) {

    /** A listing the backend answered. */
    public static BackendModels of(List<String> models, List<String> names) {
        return new BackendModels(true, List.copyOf(models), List.copyOf(names), Optional.empty());
    }

    /** The backend could not be listed, for the given reason. */
    public static BackendModels unreachable(String problem) {
        return new BackendModels(false, List.of(), List.of(), Optional.of(problem));
    }
}
