package io.aitbc.miner.pipeline;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Two fake GPUs with one slot each, two CPU slots, one inference slot. */
public class TwoGpuProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TwoGpuProbe.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("miner.cpu.slots", "2", "miner.gpu.slots-per-device", "1", "miner.inference.slots", "1");
    }
}
