package io.aitbc.miner.scheduler;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.GpuSampler;
import io.aitbc.miner.probe.GpuUsage;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.runner.DeviceAssignments;
import io.aitbc.miner.runner.RunnerDispatcher;

/**
 * A result's GPU figures (aitbc-peer-features.md §6): {@code metrics.gpu_utilization} and {@code memory_used} averaged
 * over the job, {@code memory_peak} the highest reading, sampled while it ran on the GPUs it used: its device for a
 * {@code slot: gpu} job, every GPU for inference (Ollama places models itself). A job that used no GPU, a GPU-less node
 * and a MIG instance ({@code nvidia-smi} reports no usage per instance) get none: never invented figures.
 */
@ApplicationScoped
class JobGpuUsage {

    private final GpuSampler sampler;
    private final HardwareProbe probe;
    private final DeviceAssignments devices;
    private final RunnerDispatcher runners;

    JobGpuUsage(GpuSampler sampler, HardwareProbe probe, DeviceAssignments devices, RunnerDispatcher runners) {
        this.sampler = sampler;
        this.probe = probe;
        this.devices = devices;
        this.runners = runners;
    }

    /** Starts sampling the GPUs the job is about to use. */
    GpuSampler.Sampling start(Job job) {
        Optional<GpuDevice> device = devices.of(job.id());
        List<GpuDevice> used = device.isPresent() ? List.of(device.get())
                : runners.classify(job.payload()) == JobType.INFERENCE ? probe.inventory().gpus() : List.of();
        return sampler.start(used.stream().filter(gpu -> !gpu.mig()).map(GpuDevice::uuid).toList());
    }

    /** A result with the figures of the ended sampling in its {@code metrics}; anything else unchanged. */
    JobOutcome withUsage(JobOutcome outcome, GpuSampler.Sampling sampling) {
        Optional<GpuUsage> usage = sampling.stop();
        if (usage.isEmpty() || outcome.report() != JobOutcome.Report.RESULT) {
            return outcome;
        }
        ObjectNode body = outcome.body().deepCopy();
        ObjectNode metrics = body.withObjectProperty("metrics");
        metrics.put("gpu_utilization", usage.get().utilizationPercent());
        metrics.put("memory_used", usage.get().memoryUsedMb());
        metrics.put("memory_peak", usage.get().memoryPeakMb());
        metrics.put("gpu_samples", usage.get().samples());
        return new JobOutcome(outcome.report(), outcome.errorCode(), body);
    }
}
