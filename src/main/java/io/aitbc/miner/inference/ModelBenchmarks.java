package io.aitbc.miner.inference;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Measured capabilities: each served model's load time and tokens per second from a short fixed generation of
 * {@value #TOKENS} tokens, taken at start-up and whenever a backend's model list changes, only while that backend
 * runs no job. A model whose measurement fails is not measured again until it leaves the list and comes back.
 */
@ApplicationScoped
public class ModelBenchmarks {

    /** Tokens of the fixed benchmark generation. */
    static final int TOKENS = 32;

    private final InferenceBackends backends;
    private final InferenceConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ModelBenchmark> results = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    ModelBenchmarks(InferenceBackends backends, InferenceConfig config) {
        this.backends = backends;
        this.config = config;
    }

    /** The figures measured so far, by model (read-only). */
    public Map<String, ModelBenchmark> results() {
        return Map.copyOf(results);
    }

    /**
     * Measures the listed models not measured yet on idle, reachable backends, and forgets those no longer listed.
     *
     * @return whether the figures changed
     */
    boolean update(Map<Backend, BackendModels> listings) throws InterruptedException {
        boolean changed = false;
        Set<String> listed = new HashSet<>();
        for (InferenceBackend backend : backends.active()) {
            BackendModels models = listings.get(backend.kind());
            if (models == null || !models.reachable()) {
                keepListed(listed, backend.kind());
                continue;
            }
            listed.addAll(models.models());
            for (String model : models.models()) {
                if (!results.containsKey(model) && !failed.contains(model) && backends.idle(backend.kind())) {
                    changed |= measure(backend, model);
                }
            }
        }
        changed |= results.keySet().retainAll(listed);
        failed.retainAll(listed);
        return changed;
    }

    private void keepListed(Set<String> listed, Backend backend) {
        results.forEach((model, figures) -> {
            if (figures.backend() == backend) {
                listed.add(model);
            }
        });
    }

    private boolean measure(InferenceBackend backend, String model) throws InterruptedException {
        try {
            Generation run = backend.generate(GenerationRequest.fixed(model, TOKENS, config.probeTimeout()));
            ModelBenchmark figures = new ModelBenchmark(backend.kind(), run.load(), run.firstChunk().toMillis(),
                    run.tokensPerSecond(), run.completionTokens(), clock.instant());
            results.put(model, figures);
            Log.infof("Benchmark of %s on %s: %.1f tokens/s, first token after %d ms", model, backend.kind().label(),
                    figures.tokensPerSecond(), figures.firstTokenMs());
            return true;
        } catch (InferenceException e) {
            failed.add(model);
            Log.warnf("Benchmark of %s on %s failed: %s %s", model, backend.kind().label(), e.code(),
                    e.getMessage());
            return false;
        }
    }
}
