package io.aitbc.miner.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiTest {

    @TempDir
    Path dir;

    @Test
    void oneGpuWithCuda() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-one-gpu.csv").details("q-cuda.txt");

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).extracting(GpuDevice::uuid).containsExactly("GPU-5a8c3f2e-8d4b-6b1e-9c7a-2f0e1d3b4a59");
        assertThat(scan.cuda()).contains("12.4");
        assertThat(scan.problem()).isEmpty();
        assertThat(fake.calls()).containsExactly(String.join(" ", NvidiaSmiParser.QUERY_ARGS),
                String.join(" ", NvidiaSmiParser.CAPS_ARGS), "-q");
    }

    @Test
    void migInstancesFromTheList() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-mig.csv").details("q-cuda.txt").list("list-mig.txt");

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).extracting(GpuDevice::mig).containsExactly(true, true, true, false);
        assertThat(scan.gpus().getFirst().uuid()).isEqualTo("MIG-a1b2c3d4-e5f6-5a7b-8c9d-0e1f2a3b4c5d");
        assertThat(scan.problem()).isEmpty();
        assertThat(fake.calls()).endsWith("-L");
    }

    @Test
    void migWithoutInstancesIsReported() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-mig.csv").details("q-cuda.txt");

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).extracting(GpuDevice::uuid).containsExactly("GPU-7d1c2b3a-4f5e-6d7c-8b9a-0f1e2d3c4b5a");
        assertThat(scan.problem()).hasValueSatisfying(
                p -> assertThat(p).contains("GPU-4e5f6a7b-8c9d-0e1f-2a3b-4c5d6e7f8a9b has MIG enabled but no MIG instances"));
    }

    @Test
    void noDriverExitNineMeansNoGpus() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("no-driver.txt").exitStatus(9);

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).isEmpty();
        assertThat(scan.cuda()).isEmpty();
        assertThat(scan.problem()).hasValueSatisfying(p -> assertThat(p).contains("exited with status 9")
                .contains("couldn't communicate with the NVIDIA driver"));
    }

    @Test
    void garbageMeansNoGpus() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("garbage.txt").details("q-cuda.txt");

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).isEmpty();
        assertThat(scan.problem()).hasValueSatisfying(p -> assertThat(p).contains("unexpected nvidia-smi output"));
    }

    @Test
    void aHungCallIsKilledAtTheTimeout() throws Exception {
        Path exe = FakeNvidiaSmi.in(dir).hang().install();

        GpuScan scan = new NvidiaSmi(new TestProbeConfig(exe.toString(), Duration.ofMillis(300))).scan();

        assertThat(scan.gpus()).isEmpty();
        assertThat(scan.problem()).hasValueSatisfying(p -> assertThat(p).contains("timed out after 300 ms"));
    }

    @Test
    void absentExecutableMeansNoGpus() {
        GpuScan scan = new NvidiaSmi(new TestProbeConfig("aitbc-no-such-nvidia-smi", Duration.ofSeconds(1))).scan();

        assertThat(scan.gpus()).isEmpty();
        assertThat(scan.problem()).hasValueSatisfying(
                p -> assertThat(p).contains("nvidia-smi not found").contains("MINER_NVIDIA_SMI_PATH"));
    }

    @Test
    void locatesOnTheSearchPathOnlyExecutableFiles() throws Exception {
        Path exe = FakeNvidiaSmi.in(dir).install();
        Path plain = Files.writeString(dir.resolve("not-executable"), "");

        assertThat(NvidiaSmi.locate("nvidia-smi", "/nonexistent:" + dir)).contains(exe);
        assertThat(NvidiaSmi.locate(exe.toString(), "")).contains(exe);
        assertThat(NvidiaSmi.locate("not-executable", dir.toString())).isEmpty();
        assertThat(NvidiaSmi.locate(plain.toString(), "")).isEmpty();
        assertThat(NvidiaSmi.locate("", dir.toString())).isEmpty();
        assertThat(NvidiaSmi.locate("nvidia-smi", "")).isEmpty();
    }
}
