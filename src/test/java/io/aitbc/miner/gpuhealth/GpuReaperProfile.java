package io.aitbc.miner.gpuhealth;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link GpuHealthProfile} on a node of its own, with the sandbox's {@code prlimit} fallback: without a job cgroup a
 * process that left the job's process group outlives the job, and only the reaper finds it (no network namespace
 * either, so jobs run unisolated).
 */
public class GpuReaperProfile extends GpuHealthProfile {

    static final FakeGpuNode REAPER_NODE = node("reaper");

    @Override
    FakeGpuNode fakeNode() {
        return REAPER_NODE;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("miner.sandbox.force-fallback", "true");
        config.put("miner.allow-unisolated-network", "true");
        return config;
    }
}
