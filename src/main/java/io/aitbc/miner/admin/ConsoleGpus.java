package io.aitbc.miner.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuScan;
import io.aitbc.miner.probe.NvidiaSmi;

/**
 * The GPUs as the console shows them: each pool's device with its memory and utilisation from a fresh
 * {@code nvidia-smi} scan (run at most every {@link #EVERY}, and only while someone looks), and its health: the state
 * of its health machine (D44) with its reason and since when, or, for a device the machines do not watch (a MIG
 * instance), whether the last scan saw it.
 */
@ApplicationScoped
class ConsoleGpus {

    /** Scans are reused this long. */
    static final Duration EVERY = Duration.ofSeconds(15);

    private final NvidiaSmi nvidiaSmi;
    private final Supplier<List<GpuStatus>> health;
    private GpuScan scan;
    private Instant scannedAt = Instant.EPOCH;

    @Inject
    ConsoleGpus(NvidiaSmi nvidiaSmi, GpuHealth health) {
        this(nvidiaSmi, health::statuses);
    }

    ConsoleGpus(NvidiaSmi nvidiaSmi, Supplier<List<GpuStatus>> health) {
        this.nvidiaSmi = nvidiaSmi;
        this.health = health;
    }

    /** The device's figures as the console shows them; the start-up probe's where the scan has none. */
    synchronized Map<String, Object> describe(GpuDevice probed) {
        GpuScan now = latest();
        Optional<GpuDevice> seen = now.gpus().stream().filter(g -> g.uuid().equals(probed.uuid())).findFirst();
        GpuDevice gpu = seen.orElse(probed);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", gpu.index());
        view.put("uuid", gpu.uuid());
        view.put("name", gpu.name());
        view.put("memory_total_mb", gpu.memoryTotalMb());
        view.put("memory_free_mb", gpu.memoryFreeMb());
        view.put("utilization_percent", gpu.utilizationPercent());
        view.put("mig", gpu.mig());
        Optional<GpuStatus> watched = health.get().stream()
                .filter(status -> status.device().uuid().equals(probed.uuid())).findFirst();
        if (watched.isPresent()) {
            GpuStatus status = watched.get();
            view.put("health", status.state().label());
            view.put("health_reason", status.reason());
            view.put("health_since", status.since().toString());
            view.put("takes_jobs", status.takesJobs());
        } else {
            view.put("health", seen.isPresent() ? "ok" : "missing");
            view.put("health_reason", seen.isPresent() ? "seen by nvidia-smi at " + scannedAt
                    : now.problem().orElse("not in the last nvidia-smi scan"));
        }
        return view;
    }

    private GpuScan latest() {
        if (scan == null || Duration.between(scannedAt, Instant.now()).compareTo(EVERY) > 0) {
            scan = nvidiaSmi.scan();
            scannedAt = Instant.now();
        }
        return scan;
    }
}
