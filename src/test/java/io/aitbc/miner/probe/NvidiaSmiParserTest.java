package io.aitbc.miner.probe;

import static io.aitbc.miner.probe.FakeNvidiaSmi.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.probe.NvidiaSmiParser.QueriedGpu;

class NvidiaSmiParserTest {

    @Test
    void oneGpu() throws Exception {
        List<QueriedGpu> gpus = NvidiaSmiParser.parseQuery(fixture("query-one-gpu.csv"));

        assertThat(gpus).containsExactly(new QueriedGpu(new GpuDevice(0,
                "GPU-5a8c3f2e-8d4b-6b1e-9c7a-2f0e1d3b4a59", "NVIDIA GeForce RTX 4090", 24564, 23898, 3, false), false));
    }

    @Test
    void fourMixedGpusWithMissingUtilisation() throws Exception {
        List<QueriedGpu> gpus = NvidiaSmiParser.parseQuery(fixture("query-four-mixed.csv"));

        assertThat(gpus).extracting(g -> g.device().name()).containsExactly("NVIDIA A100 80GB PCIe",
                "NVIDIA A100 80GB PCIe", "NVIDIA L40S", "Tesla T4");
        assertThat(gpus).extracting(g -> g.device().index()).containsExactly(0, 1, 2, 3);
        assertThat(gpus).noneMatch(QueriedGpu::migEnabled);
        assertThat(gpus.get(1).device()).returns(81920L, GpuDevice::memoryTotalMb)
                .returns(40211L, GpuDevice::memoryFreeMb).returns(87, GpuDevice::utilizationPercent);
        assertThat(gpus.get(3).device()).returns(15360L, GpuDevice::memoryTotalMb)
                .returns(-1, GpuDevice::utilizationPercent)
                .returns("GPU-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0", GpuDevice::uuid);
    }

    @Test
    void unsupportedValuesReadAsMinusOne() throws Exception {
        List<QueriedGpu> gpus = NvidiaSmiParser
                .parseQuery("  0 ,GPU-1234 , Quadro K620 ,[Not Supported], [N/A] ,[Unknown Error], N/A \r\n\n");

        assertThat(gpus).containsExactly(
                new QueriedGpu(new GpuDevice(0, "GPU-1234", "Quadro K620", -1, -1, -1, false), false));
    }

    @Test
    void emptyOutputIsNoGpus() throws Exception {
        assertThat(NvidiaSmiParser.parseQuery("")).isEmpty();
        assertThat(NvidiaSmiParser.parseQuery("\n  \n")).isEmpty();
    }

    @Test
    void garbageIsRejectedWithTheLine() {
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery(fixture("garbage.txt")))
                .isInstanceOf(NvidiaSmiParseException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("index is not a number")
                .hasMessageContaining("index, uuid, name");
    }

    @Test
    void noDriverMessageIsNotAGpuList() {
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery(fixture("no-driver.txt")))
                .isInstanceOf(NvidiaSmiParseException.class)
                .hasMessageContaining("expected 7 comma-separated fields, got 1");
    }

    @Test
    void badFieldsAreRejected() {
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery("99999999999, GPU-1, X, 1, 1, 1, Disabled"))
                .isInstanceOf(NvidiaSmiParseException.class).hasMessageContaining("index");
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery("0, 00000000:01:00.0, X, 1, 1, 1, Disabled"))
                .isInstanceOf(NvidiaSmiParseException.class).hasMessageContaining("uuid");
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery("0, GPU-1, X, 24564 MiB, 1, 1, Disabled"))
                .isInstanceOf(NvidiaSmiParseException.class).hasMessageContaining("'24564 MiB' is not a number");
        assertThatThrownBy(() -> NvidiaSmiParser.parseQuery("0, GPU-1, [N/A], 1, 1, 1, Disabled"))
                .isInstanceOf(NvidiaSmiParseException.class).hasMessageContaining("no name");
    }

    @Test
    void cudaVersionFromTheReport() {
        assertThat(NvidiaSmiParser.parseCudaVersion(fixture("q-cuda.txt"))).contains("12.4");
        assertThat(NvidiaSmiParser.parseCudaVersion(fixture("no-driver.txt"))).isEmpty();
        assertThat(NvidiaSmiParser.parseCudaVersion("CUDA Version : N/A\n")).isEmpty();
    }

    @Test
    void migInstancesReplaceTheirGpu() throws Exception {
        List<QueriedGpu> gpus = NvidiaSmiParser.parseQuery(fixture("query-mig.csv"));
        Map<String, List<GpuDevice>> mig = NvidiaSmiParser.parseMigList(fixture("list-mig.txt"));

        assertThat(gpus).extracting(QueriedGpu::migEnabled).containsExactly(true, false);
        assertThat(mig).containsOnlyKeys("GPU-4e5f6a7b-8c9d-0e1f-2a3b-4c5d6e7f8a9b",
                "GPU-7d1c2b3a-4f5e-6d7c-8b9a-0f1e2d3c4b5a");
        assertThat(NvidiaSmiParser.expandMig(gpus, mig)).containsExactly(
                new GpuDevice(0, "MIG-a1b2c3d4-e5f6-5a7b-8c9d-0e1f2a3b4c5d", "NVIDIA A100-SXM4-40GB MIG 3g.20gb",
                        20480, -1, -1, true),
                new GpuDevice(0, "MIG-b2c3d4e5-f6a7-5b8c-9d0e-1f2a3b4c5d6e", "NVIDIA A100-SXM4-40GB MIG 2g.10gb",
                        10240, -1, -1, true),
                new GpuDevice(0, "MIG-c3d4e5f6-a7b8-5c9d-0e1f-2a3b4c5d6e7f", "NVIDIA A100-SXM4-40GB MIG 1g.5gb",
                        5120, -1, -1, true),
                gpus.get(1).device());
    }

    @Test
    void oldDriverMigUuidsAndMediaProfiles() {
        Map<String, List<GpuDevice>> mig = NvidiaSmiParser.parseMigList("""
                GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-aaaa)
                  MIG 1g.10gb+me  Device  0: (UUID: MIG-GPU-aaaa/7/0)
                  not a device line
                """);

        assertThat(mig.get("GPU-aaaa")).containsExactly(
                new GpuDevice(0, "MIG-GPU-aaaa/7/0", "NVIDIA H100 80GB HBM3 MIG 1g.10gb+me", 10240, -1, -1, true));
    }

    @Test
    void migEnabledWithoutInstancesGivesNoDevice() throws Exception {
        List<QueriedGpu> gpus = NvidiaSmiParser.parseQuery(fixture("query-mig.csv"));

        assertThat(NvidiaSmiParser.expandMig(gpus, Map.of())).containsExactly(gpus.get(1).device());
    }
}
