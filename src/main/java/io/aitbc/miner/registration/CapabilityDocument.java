package io.aitbc.miner.registration;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.MinerConfig;
import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.runner.media.MediaTasks;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.scheduler.SlotScheduler;

/**
 * The capability document sent at registration. The dispatcher reads {@code gpus}, {@code cuda}, {@code models} and
 * {@code price}; the rest (what the production Python miner sends, plus the hardware and runners) is stored and
 * helps operators. Built fresh at every registration, so newly pulled models are announced, and media types only
 * while their tools answer (D38). A GPU whose slots take no job (quarantined, recovering, or yielding to a foreign
 * process: D44) is left out of {@code gpus}, so its VRAM is not offered; {@code gpu_health} lists every GPU's state.
 */
@ApplicationScoped
class CapabilityDocument {

    private static final long MIB = 1024 * 1024;

    private final HardwareProbe probe;
    private final OllamaClient ollama;
    private final SlotScheduler scheduler;
    private final MinerConfig miner;
    private final ObjectMapper json;
    private final Sandbox sandbox;
    private final MediaTasks media;
    private final GpuHealth health;

    CapabilityDocument(HardwareProbe probe, OllamaClient ollama, SlotScheduler scheduler, MinerConfig miner,
            ObjectMapper json, Sandbox sandbox, MediaTasks media, GpuHealth health) {
        this.health = health;
        this.sandbox = sandbox;
        this.media = media;
        this.probe = probe;
        this.ollama = ollama;
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
        var models = ollama.listModels();
        ArrayNode modelNames = doc.putArray("models");
        models.names().forEach(modelNames::add);
        doc.put("price", miner.price());
        doc.put("architecture", hw.architecture());
        doc.put("platform", hw.hasGpu() ? "CUDA" : "CPU");
        ArrayNode tasks = doc.putArray("supported_tasks");
        List<JobType> mediaTypes = media.available();
        List.of(JobType.INFERENCE, JobType.CLI, JobType.PYTHON).forEach(t -> tasks.add(t.label()));
        mediaTypes.forEach(t -> tasks.add(t.label()));
        doc.put("max_concurrent_jobs", scheduler.totalSlots());
        doc.put("consumer_grade", false);
        doc.put("edge_optimized", true);
        ObjectNode cpu = doc.putObject("cpu");
        cpu.put("cores", hw.cpuCores());
        cpu.put("model", hw.cpuModel());
        doc.put("memory_mb", hw.memoryTotalBytes() / MIB);
        doc.put("disk_free_mb", hw.diskFreeBytes() / MIB);
        probe.gpuProblem().ifPresent(problem -> doc.put("gpu_problem", problem));
        ObjectNode runners = doc.putObject("runners");
        runners.put(JobType.INFERENCE.label(), models.reachable());
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
        return node;
    }
}
