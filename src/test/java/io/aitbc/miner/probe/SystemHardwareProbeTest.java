package io.aitbc.miner.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import oshi.hardware.HardwareAbstractionLayer;
import oshi.nativefree.SystemInfo;

class SystemHardwareProbeTest {

    @TempDir
    Path dir;

    @Test
    void oshiNativeFreeReadsThisLinuxBox() {
        HardwareAbstractionLayer hardware = new SystemInfo().getHardware();

        assertThat(hardware.getProcessor().getLogicalProcessorCount()).isGreaterThanOrEqualTo(1);
        assertThat(hardware.getMemory().getTotal()).isPositive();
    }

    @Test
    void realHardwareWithoutNvidiaSmi() {
        SystemHardwareProbe probe = new SystemHardwareProbe(absentNvidiaSmi(),
                TestProbeConfig.workspace(dir.resolve("not/yet/created")));

        HardwareInventory inventory = probe.inventory();

        assertThat(inventory.cpuCores()).isGreaterThanOrEqualTo(1);
        assertThat(inventory.cpuModel()).isNotBlank();
        assertThat(inventory.architecture()).isNotBlank().isNotEqualTo("amd64");
        assertThat(inventory.memoryTotalBytes()).isPositive();
        assertThat(inventory.diskFreeBytes()).isPositive();
        assertThat(inventory.gpus()).isEmpty();
        assertThat(inventory.cuda()).isEmpty();
        assertThat(probe.gpuProblem()).hasValueSatisfying(p -> assertThat(p).contains("nvidia-smi not found"));
    }

    @Test
    void gpusAndCudaFromNvidiaSmi() throws Exception {
        Path exe = FakeNvidiaSmi.in(dir).query("query-four-mixed.csv").details("q-cuda.txt").install();
        SystemHardwareProbe probe = new SystemHardwareProbe(new NvidiaSmi(TestProbeConfig.of(exe)),
                TestProbeConfig.workspace(dir));

        HardwareInventory inventory = probe.inventory();

        assertThat(inventory.gpus()).hasSize(4);
        assertThat(inventory.hasGpu()).isTrue();
        assertThat(inventory.cuda()).contains("12.4");
        assertThat(probe.gpuProblem()).isEmpty();
    }

    @Test
    void probedOnceForConcurrentCallers() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-one-gpu.csv").details("q-cuda.txt");
        SystemHardwareProbe probe = new SystemHardwareProbe(new NvidiaSmi(TestProbeConfig.of(fake.install())),
                TestProbeConfig.workspace(dir));
        Callable<HardwareInventory> call = probe::inventory;

        List<Future<HardwareInventory>> results;
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            results = callers.invokeAll(List.of(call, call, call, call));
        }

        HardwareInventory first = results.getFirst().get();
        for (Future<HardwareInventory> result : results) {
            assertThat(result.get()).isSameAs(first);
        }
        assertThat(probe.inventory()).isSameAs(first);
        assertThat(fake.calls()).as("one scan: query, compute capabilities, -q").hasSize(3);
    }

    @Test
    void unreadableHardwareReadsAsAbsent() {
        SystemHardwareProbe probe = new SystemHardwareProbe(absentNvidiaSmi(), TestProbeConfig.workspace(dir), () -> {
            throw new IllegalStateException("no /proc");
        });

        HardwareInventory inventory = probe.inventory();

        assertThat(inventory.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(inventory.cpuModel()).isEqualTo("unknown");
        assertThat(inventory.memoryTotalBytes()).isZero();
        assertThat(inventory.gpus()).isEmpty();
    }

    @Test
    void architectureInTheKernelsWords() {
        assertThat(SystemHardwareProbe.architecture("amd64")).isEqualTo("x86_64");
        assertThat(SystemHardwareProbe.architecture("x86_64")).isEqualTo("x86_64");
        assertThat(SystemHardwareProbe.architecture("arm64")).isEqualTo("aarch64");
        assertThat(SystemHardwareProbe.architecture("aarch64")).isEqualTo("aarch64");
        assertThat(SystemHardwareProbe.architecture("ppc64le")).isEqualTo("ppc64le");
        assertThat(SystemHardwareProbe.architecture(null)).isEqualTo("unknown");
    }

    @Test
    void diskFreeOfTheNearestExistingParent() {
        assertThat(SystemHardwareProbe.diskFree(dir.resolve("a/b/c"))).isPositive();
        assertThat(SystemHardwareProbe.diskFree(Path.of("relative/not/there"))).isPositive();
    }

    private static NvidiaSmi absentNvidiaSmi() {
        return new NvidiaSmi(new TestProbeConfig("aitbc-no-such-nvidia-smi", Duration.ofSeconds(1)));
    }
}
