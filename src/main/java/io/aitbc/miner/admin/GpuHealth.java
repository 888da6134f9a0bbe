package io.aitbc.miner.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuScan;
import io.aitbc.miner.probe.NvidiaSmi;

/**
 * The GPUs as the console shows them: each pool's device with its memory and utilisation from a fresh
 * {@code nvidia-smi} scan (run at most every {@link #EVERY}, and only while someone looks), and its health as far as
 * the agent knows it today: seen in the last scan, missing from it, or the scan's problem.
 */
@ApplicationScoped
class GpuHealth {

    /** Scans are reused this long. */
    static final Duration EVERY = Duration.ofSeconds(15);

    private final NvidiaSmi nvidiaSmi;
    private GpuScan scan;
    private Instant scannedAt = Instant.EPOCH;

    GpuHealth(NvidiaSmi nvidiaSmi) {
        this.nvidiaSmi = nvidiaSmi;
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
        view.put("health", seen.isPresent() ? "ok" : "missing");
        view.put("health_reason", seen.isPresent() ? "seen by nvidia-smi at " + scannedAt
                : now.problem().orElse("not in the last nvidia-smi scan"));
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
