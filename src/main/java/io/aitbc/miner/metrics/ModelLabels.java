package io.aitbc.miner.metrics;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.ollama.OllamaModels;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the {@code model} label bounded (D28): a model is named only when Ollama's {@code /api/tags} lists it, anything
 * else (a client's typo, a hostile string) is {@code other}. The listing is refreshed every few minutes.
 */
@ApplicationScoped
public class ModelLabels {

    /** The label for a model Ollama did not list. */
    public static final String OTHER = "other";

    private final OllamaClient ollama;
    private volatile Set<String> known = Set.of();

    ModelLabels(OllamaClient ollama) {
        this.ollama = ollama;
    }

    /** The label for {@code model}: itself when installed, else {@value #OTHER}. */
    public String label(String model) {
        return model != null && known.contains(model) ? model : OTHER;
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        OllamaModels models = ollama.listModels();
        if (models.reachable()) {
            known = Set.copyOf(models.names());
        }
    }
}
