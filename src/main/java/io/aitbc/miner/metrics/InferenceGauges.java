package io.aitbc.miner.metrics;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.BackendHealth;
import io.aitbc.miner.inference.InferenceBackend;
import io.aitbc.miner.inference.InferenceBackends;
import io.aitbc.miner.inference.ModelBenchmark;
import io.aitbc.miner.inference.ModelBenchmarks;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The deep probe's verdict per backend and each model's measured benchmark as gauges, bound to the read-only views of
 * {@link BackendHealth} and {@link ModelBenchmarks}; series of newly measured models are added on a schedule. The
 * {@code model} label takes only models a backend listed (D28).
 */
@ApplicationScoped
public class InferenceGauges {

    private static final double MS_PER_SECOND = 1000.0;

    private final MeterRegistry registry;
    private final InferenceBackends backends;
    private final BackendHealth health;
    private final ModelBenchmarks benchmarks;
    private final Set<Backend> registeredBackends = ConcurrentHashMap.newKeySet();
    private final Set<String> registeredModels = ConcurrentHashMap.newKeySet();

    InferenceGauges(MeterRegistry registry, InferenceBackends backends, BackendHealth health,
            ModelBenchmarks benchmarks) {
        this.registry = registry;
        this.backends = backends;
        this.health = health;
        this.benchmarks = benchmarks;
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (InferenceBackend backend : backends.active()) {
            Backend kind = backend.kind();
            if (registeredBackends.add(kind)) {
                Gauge.builder(MeterNames.BACKEND_UP, health, h -> h.down(kind) ? 0 : 1)
                        .description("Whether the deep probe finds the inference backend answering")
                        .tag(MeterNames.BACKEND, kind.label()).register(registry);
            }
        }
        benchmarks.results().forEach(this::register);
    }

    private void register(String model, ModelBenchmark figures) {
        if (!registeredModels.add(model)) {
            return;
        }
        String backend = figures.backend().label();
        Gauge.builder(MeterNames.MODEL_TOKENS_PER_SECOND, benchmarks,
                b -> measured(b, model).map(ModelBenchmark::tokensPerSecond).orElse(Double.NaN))
                .description("Tokens per second of the model's benchmark generation").tag(MeterNames.MODEL, model)
                .tag(MeterNames.BACKEND, backend).register(registry);
        if (figures.load().isPresent()) {
            Gauge.builder(MeterNames.MODEL_LOAD, benchmarks,
                    b -> measured(b, model).filter(f -> f.load().isPresent())
                            .map(f -> f.load().getAsLong() / MS_PER_SECOND).orElse(Double.NaN))
                    .baseUnit("seconds")
                    .description("Load time of the model, as its backend reported it at the benchmark")
                    .tag(MeterNames.MODEL, model).tag(MeterNames.BACKEND, backend).register(registry);
        }
    }

    /** The model's figures; empty (the gauge shows NaN) once it left the listing. */
    private static Optional<ModelBenchmark> measured(ModelBenchmarks benchmarks, String model) {
        return Optional.ofNullable(benchmarks.results().get(model));
    }
}
