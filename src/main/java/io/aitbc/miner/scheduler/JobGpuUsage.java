package io.aitbc.miner.scheduler;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuSampler;
import io.aitbc.miner.probe.GpuUsage;
import io.aitbc.miner.probe.HardwareProbe;

/**
 * A result's GPU figures (aitbc-peer-features.md §6): {@code metrics.gpu_utilization} and {@code memory_used} averaged
 * over the job, {@code memory_peak} the highest reading, sampled while it ran on the GPUs it used: its device for a
 * {@code slot: gpu} job, every GPU for an inference-pool job (Ollama and the Whisper service place models
 * themselves). A CPU-slot job, a GPU-less node and a MIG instance ({@code nvidia-smi} reports no usage per instance)
 * get none: never invented figures. The figures join the runner's own metrics, before the result rules apply.
 */
@ApplicationScoped
class JobGpuUsage {

    private final GpuSampler sampler;
    private final HardwareProbe probe;

    JobGpuUsage(GpuSampler sampler, HardwareProbe probe) {
        this.sampler = sampler;
        this.probe = probe;
    }

    /** Runs the job with {@code runner}, sampling the GPUs of its placement meanwhile. */
    RawOutcome run(Job job, Placement placement, JobExecution.Run runner) throws InterruptedException {
        GpuSampler.Sampling sampling = sampler.start(gpusOf(placement, probe.inventory().gpus()));
        try {
            RawOutcome raw = runner.run(job, placement);
            sampling.stop().ifPresent(usage -> addTo(raw.outcome(), usage));
            return raw;
        } finally {
            sampling.stop();
        }
    }

    /** The UUIDs sampled for a job so placed among the node's {@code gpus}. */
    static List<String> gpusOf(Placement placement, List<GpuDevice> gpus) {
        Optional<String> pinned = placement.gpuUuid();
        if (pinned.isPresent()) {
            return gpus.stream().filter(gpu -> !gpu.mig() && gpu.uuid().equals(pinned.get())).map(GpuDevice::uuid)
                    .toList();
        } else if (placement.slot() != SlotKind.INFERENCE) {
            return List.of();
        }
        return gpus.stream().filter(gpu -> !gpu.mig()).map(GpuDevice::uuid).toList();
    }

    private static void addTo(JobOutcome outcome, GpuUsage usage) {
        if (outcome.report() != JobOutcome.Report.RESULT) {
            return;
        }
        ObjectNode metrics = outcome.body().withObjectProperty("metrics");
        metrics.put("gpu_utilization", usage.utilizationPercent());
        metrics.put("memory_used", usage.memoryUsedMb());
        metrics.put("memory_peak", usage.memoryPeakMb());
        metrics.put("gpu_samples", usage.samples());
    }
}
