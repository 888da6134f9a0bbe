package io.aitbc.miner.registration;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.MinerConfig;
import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.inference.InferenceBackends;
import io.aitbc.miner.inference.ModelBenchmark;
import io.aitbc.miner.inference.ModelBenchmarks;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.GpuArchitecture;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.runner.media.MediaTasks;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.scheduler.SlotScheduler;

/**
 * The capability document sent at registration. The dispatcher reads {@code gpus}, {@code cuda}, {@code models} and
 * {@code price}; the rest (what the production Python miner sends, plus the hardware and runners) is stored and
 * helps operators. Each GPU carries the production miner's {@code architecture}, {@code consumer_grade} and
 * {@code edge_optimized} (from its compute capability); the top-level two say whether any GPU is so (false without).
 * Built fresh at every registration, so newly pulled models are announced, a backend the deep probe found hung
 * withdraws its models (D41), measured {@code benchmarks} are included, and media types only while their tools answer
 * (D38). A GPU whose slots take no job (quarantined, recovering, or yielding to a foreign process: D44) is left out of
 * {@code gpus}, so its VRAM is not offered; {@code gpu_health} lists every GPU's state.
 */
@ApplicationScoped
public class CapabilityDocument {

    private static final long MIB = 1024 * 1024;

    private final HardwareProbe probe;
    private final InferenceBackends inference;
    private final ModelBenchmarks benchmarks;
    private final SlotScheduler scheduler;
    private final MinerConfig miner;
    private final ObjectMapper json;
    private final Sandbox sandbox;
    private final MediaTasks media;
    private final GpuHealth health;

    CapabilityDocument(HardwareProbe probe, InferenceBackends inference, ModelBenchmarks benchmarks,
            SlotScheduler scheduler, MinerConfig miner, ObjectMapper json, Sandbox sandbox, MediaTasks media,
            GpuHealth health) {
        this.health = health;
        this.sandbox = sandbox;
        this.media = media;
        this.probe = probe;
        this.inference = inference;
        this.benchmarks = benchmarks;
        this.scheduler = scheduler;
        this.miner = miner;
        this.json = json;
    }

    ObjectNode build() {
        HardwareInventory hw = probe.inventory();
        ObjectNode doc = json.createObjectNode();
        ArrayNode gpus = doc.putArray("gpus");
        hw.gpus().stream().filter(gpu -> health.takesJobs(gpu.uuid())).forEach(gpu -> gpus.add(gpu(gpu)));
        ArrayNode gpuHealth = doc.putArray("gpu_health");
        health.statuses().forEach(status -> gpuHealth.add(health(status)));
        hw.cuda().ifPresent(cuda -> doc.put("cuda", cuda));
        ArrayNode modelNames = doc.putArray("models");
        inference.offeredModels().forEach(modelNames::add);
        ArrayNode backends = doc.putArray("inference_backends");
        inference.active().forEach(backend -> backends.add(backend.kind().label()));
        ObjectNode measured = doc.putObject("benchmarks");
        benchmarks.results().forEach((model, figures) -> measured.set(model, benchmark(figures)));
        doc.put("price", miner.price());
        doc.put("architecture", hw.architecture());
        doc.put("platform", hw.hasGpu() ? "CUDA" : "CPU");
        ArrayNode tasks = doc.putArray("supported_tasks");
        List<JobType> mediaTypes = media.available();
        supportedTasks(mediaTypes).forEach(tasks::add);
        doc.put("max_concurrent_jobs", scheduler.totalSlots());
        doc.put("consumer_grade", hw.gpus().stream().anyMatch(gpu -> GpuArchitecture.of(gpu).consumerGrade()));
        doc.put("edge_optimized", hw.gpus().stream().anyMatch(gpu -> GpuArchitecture.of(gpu).edgeOptimized()));
        ObjectNode cpu = doc.putObject("cpu");
        cpu.put("cores", hw.cpuCores());
        cpu.put("model", hw.cpuModel());
        doc.put("memory_mb", hw.memoryTotalBytes() / MIB);
        doc.put("disk_free_mb", hw.diskFreeBytes() / MIB);
        probe.gpuProblem().ifPresent(problem -> doc.put("gpu_problem", problem));
        ObjectNode runners = doc.putObject("runners");
        runners.put(JobType.INFERENCE.label(), inference.anyReachable());
        runners.put(JobType.CLI.label(), sandbox.facilities().processGroups());
        runners.put(JobType.PYTHON.label(), sandbox.facilities().processGroups());
        runners.put(JobType.TRANSCRIBE.label(), mediaTypes.contains(JobType.TRANSCRIBE));
        runners.put(JobType.REENCODE.label(), mediaTypes.contains(JobType.REENCODE));
        doc.set("sandbox", sandbox.facilities().toJson());
        ObjectNode slots = doc.putObject("slots");
        slots.put("inference", scheduler.slots(SlotKind.INFERENCE));
        slots.put("gpu", scheduler.slots(SlotKind.GPU));
        slots.put("cpu", scheduler.slots(SlotKind.CPU));
        doc.put("agent", "aitbc-miner-node");
        return doc;
    }

    /** The job types this agent runs now, as {@code supported_tasks} (the pool hub's {@code capabilities} too). */
    public List<String> supportedTasks() {
        return supportedTasks(media.available());
    }

    private static List<String> supportedTasks(List<JobType> mediaTypes) {
        return Stream.concat(Stream.of(JobType.INFERENCE, JobType.CLI, JobType.PYTHON), mediaTypes.stream())
                .map(JobType::label).toList();
    }

    private ObjectNode benchmark(ModelBenchmark figures) {
        ObjectNode node = json.createObjectNode();
        node.put("backend", figures.backend().label());
        figures.load().ifPresent(ms -> node.put("load_ms", ms));
        node.put("first_token_ms", figures.firstTokenMs());
        node.put("tokens_per_second", Math.round(figures.tokensPerSecond() * 10) / 10.0);
        node.put("tokens", figures.tokens());
        node.put("measured_at", figures.measuredAt().toString());
        return node;
    }

    private ObjectNode health(GpuStatus status) {
        ObjectNode node = json.createObjectNode();
        node.put("uuid", status.device().uuid());
        node.put("state", status.state().label());
        node.put("takes_jobs", status.takesJobs());
        node.put("reason", status.reason());
        node.put("since", status.since().toString());
        return node;
    }

    private ObjectNode gpu(GpuDevice gpu) {
        ObjectNode node = json.createObjectNode();
        node.put("name", gpu.name());
        node.put("memory_mb", gpu.memoryTotalMb());
        node.put("uuid", gpu.uuid());
        node.put("index", gpu.index());
        node.put("mig", gpu.mig());
        GpuArchitecture arch = GpuArchitecture.of(gpu);
        node.put("architecture", arch.architecture());
        gpu.computeCap().ifPresent(cap -> node.put("compute_cap", cap));
        node.put("consumer_grade", arch.consumerGrade());
        node.put("edge_optimized", arch.edgeOptimized());
        return node;
    }
}
