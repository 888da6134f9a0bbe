package io.aitbc.miner.poolhub;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.AgentIdentity;
import io.aitbc.miner.config.MinerConfig;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.queue.RetryQueue;
import io.aitbc.miner.registration.CapabilityDocument;
import io.aitbc.miner.registration.HeartbeatFacts;
import io.aitbc.miner.scheduler.SlotScheduler;

/**
 * The pool hub's register and heartbeat bodies (aitbc-peer-features.md §4, §8) with the node's real facts, where the
 * production miner sends fixed ones: the real RAM, the first GPU's VRAM and name (the hub has one GPU field), every
 * slot as {@code max_parallel}, the configured price (a JSON string, as the hub demands), and the true number of jobs
 * held as {@code current_jobs}. Figures the agent does not know are left out, never sent as 0 or -1: the hub keeps its
 * old values, and a {@code null} latency would be refused (422).
 */
@ApplicationScoped
class PoolHubBodies {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final AgentIdentity identity;
    private final MinerConfig miner;
    private final HardwareProbe probe;
    private final SlotScheduler scheduler;
    private final CapabilityDocument capabilities;
    private final RetryQueue queue;
    private final HeartbeatFacts facts;
    private final ObjectMapper json;
    private final Optional<String> addr;

    PoolHubBodies(AgentIdentity identity, MinerConfig miner, HardwareProbe probe, SlotScheduler scheduler,
            CapabilityDocument capabilities, RetryQueue queue, HeartbeatFacts facts, ObjectMapper json,
            PoolHubConfig config) {
        this.identity = identity;
        this.miner = miner;
        this.probe = probe;
        this.scheduler = scheduler;
        this.capabilities = capabilities;
        this.queue = queue;
        this.facts = facts;
        this.json = json;
        this.addr = config.addr().filter(a -> !a.isBlank());
    }

    ObjectNode register(String key) {
        HardwareInventory hw = probe.inventory();
        ObjectNode body = json.createObjectNode();
        body.put("miner_id", identity.minerId());
        body.put("api_key", key);
        addr.ifPresent(a -> body.put("addr", a).put("proto", a.startsWith("https:") ? "https" : "http"));
        if (hw.hasGpu()) {
            GpuDevice first = hw.gpus().getFirst();
            body.put("gpu_vram_gb", Math.round(first.memoryTotalMb() / 1024.0 * 100) / 100.0);
            body.put("gpu_name", first.name());
        }
        body.put("cpu_cores", hw.cpuCores());
        if (hw.memoryTotalBytes() > 0) {
            body.put("ram_gb", Math.round(hw.memoryTotalBytes() / GIB * 10) / 10.0);
        }
        body.put("max_parallel", scheduler.totalSlots());
        body.put("base_price", miner.price().toPlainString());
        ObjectNode tags = body.putObject("tags").put("platform", hw.hasGpu() ? "CUDA" : "CPU");
        hw.cuda().ifPresent(cuda -> tags.put("cuda", cuda));
        capabilities.supportedTasks().forEach(body.putArray("capabilities")::add);
        miner.region().ifPresent(region -> body.put("region", region));
        return body;
    }

    ObjectNode heartbeat() {
        ObjectNode body = json.createObjectNode();
        body.put("status", "active");
        body.put("current_jobs", queue.held());
        facts.gpuTotals().ifPresent(gpu -> body.put("gpu_utilization", gpu.utilizationPercent())
                .put("memory_used", gpu.memoryUsedMb()).put("memory_total", gpu.memoryTotalMb()));
        facts.latency().ifPresent(took -> body.put("network_latency_ms", HeartbeatFacts.milliseconds(took)));
        return body;
    }
}
