package io.aitbc.miner.runner;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.InferenceBackends;
import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.quarkus.logging.Log;

/**
 * Runs {@code inference} jobs on the backend that serves their model, Ollama or an OpenAI-compatible server
 * (decisions D14, D40), and reports them in the compatible result shape of the production miner plus the backend's
 * statistics and name, with the node's GPUs in {@code metrics}. The generation's wall time on
 * a monotonic clock is returned as the measured, billed time (D20), with the time to its first chunk.
 */
@ApplicationScoped
public class InferenceRunner implements JobRunner {

    private static final long NANOS_PER_MS = 1_000_000L;

    private final InferenceBackends backends;
    private final HardwareProbe probe;
    private final InferenceConfig config;

    public InferenceRunner(InferenceBackends backends, HardwareProbe probe, InferenceConfig config) {
        this.backends = backends;
        this.probe = probe;
        this.config = config;
    }

    @Override
    public JobType type() {
        return JobType.INFERENCE;
    }

    @Override
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        InferenceRequest request;
        try {
            request = InferenceRequest.fromPayload(job.payload());
        } catch (IllegalArgumentException e) {
            return failure(ErrorCode.E_BADJOB, e.getMessage());
        }
        Log.debugf("inference on model %s, prompt of %d characters", request.model(), request.prompt().length());
        Generation generation;
        try {
            generation = backends.generate(request.toGeneration(config.firstTokenTimeout(), config.idleTimeout()));
        } catch (InferenceException e) {
            return failure(e.code(), e.getMessage());
        }
        Log.debugf("inference output: %s", generation.output());
        long durationMs = generation.elapsedNanos() / NANOS_PER_MS;
        JobOutcome success = JobOutcome.success(result(request, generation, durationMs), gpus());
        return RawOutcome.measured(success, Duration.ofNanos(generation.elapsedNanos()))
                .withFirstToken(generation.firstChunk());
    }

    private static RawOutcome failure(ErrorCode code, String message) {
        return RawOutcome.unmeasured(JobOutcome.failure(code, message));
    }

    private ObjectNode result(InferenceRequest request, Generation generation, long durationMs) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", "completed");
        result.put("output", generation.output());
        result.put("execution_time", durationMs / 1000.0);
        result.put("gpu_used", probe.inventory().hasGpu());
        result.put("model", request.model());
        result.put("tokens_processed", generation.completionTokens());
        result.put("prompt_tokens", generation.promptTokens());
        result.put("tokens_per_second", round2(generation.tokensPerSecond()));
        generation.load().ifPresent(ms -> result.put("load_ms", ms));
        result.put("done_reason", generation.doneReason());
        result.put("backend", generation.backend().label());
        if (generation.backend() != Backend.OLLAMA) {
            result.put("served_model", generation.servedModel());
        }
        return result;
    }

    /** The node's GPUs, reported beside the billing metrics. */
    private ObjectNode gpus() {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        HardwareInventory inventory = probe.inventory();
        if (inventory.hasGpu()) {
            List<GpuDevice> gpus = inventory.gpus();
            metrics.put("gpu_count", gpus.size());
            metrics.put("gpu_name", gpus.get(0).name());
            metrics.put("gpu_memory_total_mb", gpus.stream().mapToLong(GpuDevice::memoryTotalMb).sum());
        }
        return metrics;
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
