package io.aitbc.miner.gpuhealth;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;

/** GPU health configuration for tests that build {@link GpuHealth} by hand: short windows. */
record TestGpuHealthConfig(Path kmsgPath, Duration healthInterval, Duration xidBurstWindow, int recoveryChecks,
        MemorySize leakMargin, List<String> inferenceProcesses) implements GpuHealthConfig {

    static TestGpuHealthConfig of(Path kmsg, Duration burstWindow, int recoveryChecks) {
        return new TestGpuHealthConfig(kmsg, Duration.ofSeconds(1), burstWindow, recoveryChecks,
                new MemorySize(BigInteger.valueOf(256L << 20)), List.of("ollama", "ollama_llama_server"));
    }
}
