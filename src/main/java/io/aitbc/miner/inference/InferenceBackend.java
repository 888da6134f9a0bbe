package io.aitbc.miner.inference;

import java.util.List;

/**
 * One inference server the agent streams generations from (decisions D14, D40). Implementations live in the packages
 * above this one ({@code ollama}, {@code openai}) and are CDI beans; {@link InferenceBackends} picks those that
 * {@code MINER_INFERENCE_BACKEND} names. Every method blocks the calling thread, so none is called on an event loop.
 */
public interface InferenceBackend {

    /** Which backend this is. */
    Backend kind();

    /** The models it serves, under the coordinator's names, or why it could not be asked; waits a few seconds at most. */
    BackendModels listModels();

    /**
     * Runs one streaming generation to its end. There is no overall timeout: the first chunk must come within the
     * request's first-token timeout and each next one within its idle timeout.
     *
     * @throws InferenceException with {@code E_MODEL} (not served), {@code E_BADJOB} (refused, or a prompt the
     *         model's context cannot hold), {@code E_OOM}, or {@code E_RUNNER} (unreachable, 5xx, stall, a cut stream)
     * @throws InterruptedException when the calling thread is interrupted; the HTTP request is reset first
     */
    Generation generate(GenerationRequest request) throws InferenceException, InterruptedException;

    /** Loads what the operator asked to keep warm (Ollama's {@code MINER_OLLAMA_PRELOAD}); nothing by default. */
    default void warmUp() throws InterruptedException {
    }

    /** The models loaded right now, as far as the backend says (Ollama's {@code /api/ps}); empty when unknown. */
    default List<String> loadedModels() {
        return List.of();
    }
}
