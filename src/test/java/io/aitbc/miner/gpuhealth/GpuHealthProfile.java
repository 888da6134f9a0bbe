package io.aitbc.miner.gpuhealth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.aitbc.miner.pipeline.TwoGpuProbe;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The fake two-GPU node of {@code pipeline/TwoGpuProbe}, with a fake {@code nvidia-smi} and a kernel log file the test
 * appends to ({@link #NODE}), and short health windows: checks every second, an eight-second burst window (long enough to look
 * at
 * a quarantined GPU), two clean
 * checks to recover, fast local retries. The node's folder is named after the test JVM's pid: the profile is loaded
 * by the test's class loader and by the application's, and both must see the same files, set up once.
 */
public class GpuHealthProfile implements QuarkusTestProfile {

    static final FakeGpuNode NODE = node("faults");

    /** The node named {@code name}: one folder per name and test JVM, set up by whichever class loader comes first. */
    static FakeGpuNode node(String name) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                    "aitbc-gpu-node-" + name + "-" + ProcessHandle.current().pid());
            if (Files.isDirectory(dir)) {
                return FakeGpuNode.existing(dir);
            }
            return new FakeGpuNode(Files.createDirectories(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node this profile's agent uses. */
    FakeGpuNode fakeNode() {
        return NODE;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TwoGpuProbe.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("miner.cpu.slots", "2"), Map.entry("miner.gpu.slots-per-device", "1"),
                Map.entry("miner.inference.slots", "1"),
                Map.entry("miner.nvidia-smi.path", fakeNode().smiConfig().path()),
                Map.entry("miner.nvidia-smi.timeout", "2s"),
                Map.entry("miner.gpu.kmsg-path", fakeNode().kmsg().toString()),
                Map.entry("miner.gpu.health-interval", "1s"), Map.entry("miner.gpu.xid-burst-window", "8s"),
                Map.entry("miner.gpu.recovery-checks", "2"), Map.entry("miner.retry.base-delay", "100ms"));
    }
}
