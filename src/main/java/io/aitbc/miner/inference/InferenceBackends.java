package io.aitbc.miner.inference;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/**
 * The backends {@code MINER_INFERENCE_BACKEND} names, in its order (decisions D40), and the one place generations of
 * jobs go through: each model is served by the first backend whose listing has it (the first backend when none
 * does, so that its own answer, {@code E_MODEL}, is the job's). Counts the jobs running on each backend, so the deep
 * probe and the benchmarks run only on an idle one. Built at start-up, so a backend's bad configuration stops the
 * agent there.
 */
@Startup
@ApplicationScoped
public class InferenceBackends {

    private static final long LISTING_MAX_AGE_NANOS = 10_000_000_000L;

    private final List<InferenceBackend> active = new ArrayList<>();
    private final Map<Backend, AtomicInteger> running = new EnumMap<>(Backend.class);
    private final Map<Backend, BackendModels> listings = new ConcurrentHashMap<>();
    private final BackendHealth health;
    private volatile long listedAtNanos = System.nanoTime() - 2 * LISTING_MAX_AGE_NANOS;

    @Inject
    InferenceBackends(@Any Instance<InferenceBackend> all, InferenceConfig config, BackendHealth health) {
        this(config.backend().stream().map(kind -> all.stream().filter(b -> b.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no inference backend " + kind.label()))).toList(),
                health);
    }

    /** The given backends, in this order (tests build it without CDI). */
    public InferenceBackends(List<InferenceBackend> backends, BackendHealth health) {
        this.health = health;
        for (InferenceBackend backend : backends) {
            active.add(backend);
            running.put(backend.kind(), new AtomicInteger());
        }
    }

    /** The configured backends, in the configured order. */
    public List<InferenceBackend> active() {
        return List.copyOf(active);
    }

    /** Runs a job's generation on the backend that serves its model. */
    public Generation generate(GenerationRequest request) throws InferenceException, InterruptedException {
        InferenceBackend backend = route(request.model());
        AtomicInteger count = running.get(backend.kind());
        count.incrementAndGet();
        try {
            return backend.generate(request);
        } finally {
            count.decrementAndGet();
        }
    }

    /** Whether no job's generation runs on the backend now. */
    public boolean idle(Backend backend) {
        AtomicInteger count = running.get(backend);
        return count == null || count.get() == 0;
    }

    /** Lists every backend's models afresh and keeps the listings for routing. */
    public Map<Backend, BackendModels> refresh() {
        Map<Backend, BackendModels> fresh = new EnumMap<>(Backend.class);
        for (InferenceBackend backend : active) {
            fresh.put(backend.kind(), backend.listModels());
        }
        listings.putAll(fresh);
        listedAtNanos = System.nanoTime();
        return fresh;
    }

    /**
     * The names of the models the node offers, from fresh listings: every name of every backend that is not down
     * (D41), in backend order without duplicates.
     */
    public List<String> offeredModels() {
        Set<String> names = new LinkedHashSet<>();
        refresh().forEach((backend, models) -> {
            if (!health.down(backend)) {
                names.addAll(models.names());
            }
        });
        return List.copyOf(names);
    }

    /** Whether any backend answered its latest listing (whether the inference runner is usable). */
    public boolean anyReachable() {
        return listings.values().stream().anyMatch(BackendModels::reachable);
    }

    /** Whether every configured backend is down: inference slots are then not worth polling for. */
    public boolean allDown() {
        return active.stream().allMatch(b -> health.down(b.kind()));
    }

    private InferenceBackend route(String model) {
        if (active.size() == 1) {
            return active.get(0);
        }
        InferenceBackend found = listed(model);
        if (found == null && System.nanoTime() - listedAtNanos > LISTING_MAX_AGE_NANOS) {
            refresh();
            found = listed(model);
        }
        return found != null ? found : active.get(0);
    }

    private InferenceBackend listed(String model) {
        InferenceBackend fallback = null;
        for (InferenceBackend backend : active) {
            BackendModels models = listings.get(backend.kind());
            if (models != null && models.names().contains(model)) {
                if (!health.down(backend.kind())) {
                    return backend;
                }
                fallback = fallback == null ? backend : fallback;
            }
        }
        return fallback;
    }
}
