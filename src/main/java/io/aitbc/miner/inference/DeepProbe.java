package io.aitbc.miner.inference;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.aitbc.miner.job.CapabilitiesChanged;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The deep probe (decisions D41): every {@code MINER_INFERENCE_PROBE_INTERVAL}, each backend that runs no job gets a
 * one-token generation with a deadline ({@code MINER_INFERENCE_PROBE_TIMEOUT}), because a hung server still accepts
 * connections; the verdicts go to {@link BackendHealth}. The same round lists the models and has new ones
 * benchmarked. At start-up the backends first warm up (Ollama's preloads), then a round runs at once. When a round
 * changes what the capability document says, {@link CapabilitiesChanged} is fired.
 */
@ApplicationScoped
public class DeepProbe {

    private final InferenceBackends backends;
    private final BackendHealth health;
    private final ModelBenchmarks benchmarks;
    private final InferenceConfig config;
    private final Event<CapabilitiesChanged> changed;
    private Map<Backend, BackendModels> lastListings = Map.of();

    DeepProbe(InferenceBackends backends, BackendHealth health, ModelBenchmarks benchmarks, InferenceConfig config,
            Event<CapabilitiesChanged> changed) {
        this.backends = backends;
        this.health = health;
        this.benchmarks = benchmarks;
        this.config = config;
        this.changed = changed;
    }

    void start(@Observes StartupEvent event) {
        Thread.ofVirtual().name("inference-warm-up").start(() -> {
            try {
                for (InferenceBackend backend : backends.active()) {
                    backend.warmUp();
                }
                round();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Scheduled(every = "${miner.inference.probe-interval}", delayed = "${miner.inference.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws InterruptedException {
        round();
    }

    /** One round: list, probe every idle backend, benchmark new models; fires {@link CapabilitiesChanged} on change. */
    public synchronized void round() throws InterruptedException {
        Map<Backend, BackendModels> listings = backends.refresh();
        List<String> reasons = new ArrayList<>();
        for (InferenceBackend backend : backends.active()) {
            if (probe(backend, listings.get(backend.kind()))) {
                reasons.add("backend " + backend.kind().label() + (health.down(backend.kind()) ? " down" : " up"));
            }
        }
        if (!names(listings).equals(names(lastListings))) {
            reasons.add("model list");
        }
        lastListings = listings;
        if (benchmarks.update(listings)) {
            reasons.add("benchmarks");
        }
        if (!reasons.isEmpty()) {
            changed.fire(new CapabilitiesChanged(String.join(", ", reasons)));
        }
    }

    /** Probes one backend unless it runs a job; returns whether it went down or came back up. */
    private boolean probe(InferenceBackend backend, BackendModels models) throws InterruptedException {
        Backend kind = backend.kind();
        if (!backends.idle(kind)) {
            Log.debugf("Deep probe of %s skipped: a job is running on it", kind.label());
            return false;
        }
        if (!models.reachable()) {
            return health.failed(kind, "model listing: " + models.problem().orElse("no answer"), List.of());
        }
        List<String> loaded = backend.loadedModels();
        String model = loaded.stream().filter(models.names()::contains).findFirst()
                .orElse(models.models().isEmpty() ? null : models.models().get(0));
        if (model == null) {
            return health.succeeded(kind, "listing answered; no model to probe", loaded);
        }
        long start = System.nanoTime();
        try {
            backend.generate(GenerationRequest.fixed(model, 1, config.probeTimeout()));
            long ms = (System.nanoTime() - start) / 1_000_000L;
            return health.succeeded(kind, "1-token generation on " + model + " in " + ms + " ms", loaded);
        } catch (InferenceException e) {
            return health.failed(kind, "1-token generation on " + model + ": " + e.code() + " " + e.getMessage(),
                    loaded);
        }
    }

    private static Map<Backend, List<String>> names(Map<Backend, BackendModels> listings) {
        Map<Backend, List<String>> names = new EnumMap<>(Backend.class);
        listings.forEach((backend, models) -> names.put(backend, models.names()));
        return names;
    }
}
