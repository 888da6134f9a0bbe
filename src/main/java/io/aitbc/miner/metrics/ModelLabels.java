package io.aitbc.miner.metrics;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.inference.InferenceBackends;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the {@code model} label bounded (D28): a model is named only when an inference backend's listing has it, anything
 * else (a client's typo, a hostile string) is {@code other}. The listings are refreshed every few minutes; a name once
 * listed keeps its label.
 */
@ApplicationScoped
public class ModelLabels {

    /** The label for a model Ollama did not list. */
    public static final String OTHER = "other";

    private final InferenceBackends backends;
    private volatile Set<String> known = Set.of();

    ModelLabels(InferenceBackends backends) {
        this.backends = backends;
    }

    /** The label for {@code model}: itself when installed, else {@value #OTHER}. */
    public String label(String model) {
        return model != null && known.contains(model) ? model : OTHER;
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Set<String> names = new HashSet<>(known);
        for (BackendModels models : backends.refresh().values()) {
            names.addAll(models.names());
        }
        known = Set.copyOf(names);
    }
}
