package io.aitbc.miner.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuScan;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.probe.NvidiaSmi;
import io.aitbc.miner.telemetry.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Free and used memory of every GPU the probe found, under the agent's own names with dcgm-exporter's {@code gpu} and
 * {@code UUID} labels (D28), refreshed from {@code nvidia-smi} on a schedule so a scrape never runs it. MIG instances,
 * for which {@code nvidia-smi} reports no free memory, have no series. Without GPUs there is nothing to show.
 */
@ApplicationScoped
public class GpuMemoryGauges {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final MeterRegistry registry;
    private final HardwareProbe probe;
    private final NvidiaSmi nvidiaSmi;
    private final Map<String, GpuDevice> latest = new ConcurrentHashMap<>();

    GpuMemoryGauges(MeterRegistry registry, HardwareProbe probe, NvidiaSmi nvidiaSmi) {
        this.registry = registry;
        this.probe = probe;
        this.nvidiaSmi = nvidiaSmi;
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (latest.isEmpty()) {
            update(probe.inventory().gpus());
        } else {
            GpuScan scan = nvidiaSmi.scan();
            update(scan.gpus());
        }
    }

    /** Takes the devices' latest figures, registering the series of devices seen for the first time. */
    void update(List<GpuDevice> gpus) {
        for (GpuDevice gpu : gpus) {
            if (gpu.mig() || gpu.memoryFreeMb() < 0) {
                continue;
            }
            if (latest.put(gpu.uuid(), gpu) == null) {
                register(gpu);
            }
        }
    }

    private void register(GpuDevice gpu) {
        String uuid = gpu.uuid();
        Gauge.builder(MeterNames.GPU_MEMORY_FREE, latest, m -> m.get(uuid).memoryFreeMb() * BYTES_PER_MIB)
                .baseUnit("bytes").description("Free GPU memory").tag(MeterNames.GPU, Integer.toString(gpu.index()))
                .tag(MeterNames.GPU_UUID, uuid).register(registry);
        Gauge.builder(MeterNames.GPU_MEMORY_USED, latest, m -> used(m.get(uuid))).baseUnit("bytes")
                .description("Used GPU memory").tag(MeterNames.GPU, Integer.toString(gpu.index()))
                .tag(MeterNames.GPU_UUID, uuid).register(registry);
    }

    private static double used(GpuDevice gpu) {
        return Math.max(0, gpu.memoryTotalMb() - gpu.memoryFreeMb()) * BYTES_PER_MIB;
    }
}
