package io.aitbc.miner.registration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.probe.GpuArchitecture;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuSampler;
import io.aitbc.miner.probe.HardwareProbe;

/**
 * What a heartbeat says besides {@code inflight} and {@code status} (aitbc-peer-features.md §6). The coordinator keeps
 * {@code metadata} and the top-level {@code architecture}, {@code edge_optimized} and {@code network_latency_ms}, and
 * drops other top-level keys, so GPU utilisation and memory go into {@code metadata} (summed over the GPUs, and per
 * GPU), never invented: a GPU-less node sends none. The latency is the round trip of the previous heartbeat, null
 * until one was measured (never the production miner's -1).
 */
@ApplicationScoped
public class HeartbeatFacts {

    private final HardwareProbe probe;
    private final GpuSampler sampler;
    private final Duration maxAge;
    private final ObjectMapper json;
    private volatile Optional<Duration> latency = Optional.empty();

    HeartbeatFacts(HardwareProbe probe, GpuSampler sampler, HeartbeatConfig config, ObjectMapper json) {
        this.probe = probe;
        this.sampler = sampler;
        this.maxAge = config.interval();
        this.json = json;
    }

    /** The round trip of the last coordinator heartbeat, if one was measured. */
    public Optional<Duration> latency() {
        return latency;
    }

    /** A heartbeat took {@code took}, answered or not. */
    void measured(Duration took) {
        latency = Optional.of(took);
    }

    /** GPU utilisation (mean) and memory (summed, MiB) over the usable non-MIG GPUs now; empty without any reading. */
    public Optional<GpuTotals> gpuTotals() {
        List<GpuDevice> gpus = probe.inventory().gpus().stream().filter(gpu -> !gpu.mig()).toList();
        if (gpus.isEmpty()) {
            return Optional.empty();
        }
        Map<String, GpuSampler.Reading> readings = sampler.latest(maxAge);
        long used = 0;
        long total = 0;
        long utilization = 0;
        int read = 0;
        for (GpuDevice gpu : gpus) {
            GpuSampler.Reading reading = readings.get(gpu.uuid());
            if (reading != null && reading.memoryUsedMb() >= 0) {
                read++;
                used += reading.memoryUsedMb();
                total += Math.max(0, gpu.memoryTotalMb());
                utilization += Math.max(0, reading.utilizationPercent());
            }
        }
        return read == 0 ? Optional.empty()
                : Optional.of(new GpuTotals((int) Math.round((double) utilization / read), used, total));
    }

    /**
     * GPU figures of a heartbeat.
     *
     * @param utilizationPercent mean over the GPUs read
     * @param memoryUsedMb summed, MiB
     * @param memoryTotalMb summed, MiB
     */
    public record GpuTotals(int utilizationPercent, long memoryUsedMb, long memoryTotalMb) {
    }

    /** The heartbeat's extra members: {@code metadata}, {@code architecture}, {@code edge_optimized}, latency. */
    ObjectNode extras() {
        ObjectNode extras = json.createObjectNode();
        ObjectNode metadata = extras.putObject("metadata");
        gpuTotals().ifPresent(gpu -> metadata.put("gpu_utilization", gpu.utilizationPercent())
                .put("memory_used", gpu.memoryUsedMb()).put("memory_total", gpu.memoryTotalMb()));
        List<GpuDevice> gpus = probe.inventory().gpus();
        if (!gpus.isEmpty()) {
            Map<String, GpuSampler.Reading> readings = sampler.latest(maxAge);
            ArrayNode list = metadata.putArray("gpus");
            gpus.forEach(gpu -> gpu(list.addObject(), gpu, readings.get(gpu.uuid())));
            extras.put("architecture", GpuArchitecture.of(gpus.getFirst()).architecture());
            extras.put("edge_optimized", gpus.stream().anyMatch(gpu -> GpuArchitecture.of(gpu).edgeOptimized()));
        } else {
            extras.putNull("architecture");
            extras.putNull("edge_optimized");
        }
        latency.ifPresentOrElse(took -> extras.put("network_latency_ms", milliseconds(took)),
                () -> extras.putNull("network_latency_ms"));
        return extras;
    }

    /** A duration in milliseconds to a tenth, as the latency fields take it. */
    public static double milliseconds(Duration took) {
        return Math.round(took.toNanos() / 1e5) / 10.0;
    }

    private static void gpu(ObjectNode node, GpuDevice gpu, GpuSampler.Reading reading) {
        node.put("uuid", gpu.uuid()).put("architecture", GpuArchitecture.of(gpu).architecture());
        if (reading != null && reading.memoryUsedMb() >= 0) {
            node.put("memory_used", reading.memoryUsedMb()).put("memory_total", gpu.memoryTotalMb());
        }
        if (reading != null && reading.utilizationPercent() >= 0) {
            node.put("gpu_utilization", reading.utilizationPercent());
        }
    }
}
