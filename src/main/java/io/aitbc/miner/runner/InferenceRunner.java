package io.aitbc.miner.runner;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.ollama.Generation;
import io.aitbc.miner.ollama.ModelNames;
import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.ollama.OllamaException;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.quarkus.logging.Log;

/**
 * Runs {@code inference} jobs on the node's Ollama (decisions D14) and reports them in the compatible result shape of
 * the production miner, plus Ollama's statistics and the node's GPUs in {@code metrics}. The generation's wall time on
 * a monotonic clock is returned as the measured, billed time (D20), with the time to its first chunk.
 */
@ApplicationScoped
public class InferenceRunner implements JobRunner {

    private static final long NANOS_PER_MS = 1_000_000L;

    private final OllamaClient ollama;
    private final HardwareProbe probe;
    private final InferenceConfig config;

    public InferenceRunner(OllamaClient ollama, HardwareProbe probe, InferenceConfig config) {
        this.ollama = ollama;
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
            generation = ollama.generate(request.model(), request.toGenerateBody(), config.firstTokenTimeout(),
                    config.idleTimeout());
        } catch (OllamaException e) {
            return failure(e.code(), e.getMessage());
        }
        String answered = generation.done().path("model").asText(request.model());
        if (!ModelNames.same(answered, request.model())) {
            return failure(ErrorCode.E_MODEL,
                    "Ollama answered with model '" + answered + "' instead of '" + request.model() + "'");
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
        JsonNode done = generation.done();
        long evalCount = done.path("eval_count").asLong(0);
        long evalNanos = done.path("eval_duration").asLong(0);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", "completed");
        result.put("output", generation.output());
        result.put("execution_time", durationMs / 1000.0);
        result.put("gpu_used", probe.inventory().hasGpu());
        result.put("model", request.model());
        result.put("tokens_processed", evalCount);
        result.put("prompt_tokens", done.path("prompt_eval_count").asLong(0));
        result.put("tokens_per_second", evalNanos > 0 ? round2(evalCount * 1e9 / evalNanos) : 0.0);
        result.put("load_ms", done.path("load_duration").asLong(0) / NANOS_PER_MS);
        result.put("done_reason", done.path("done_reason").asText("stop"));
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
