package io.aitbc.miner.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-GPU architecture from recorded {@code nvidia-smi} outputs: compute capability, not the product name. */
class GpuArchitectureTest {

    @TempDir
    Path dir;

    @Test
    void recordedGpusAreClassifiedByComputeCapability() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-arch-mix.csv").caps("caps-arch-mix.csv", 0)
                .details("q-cuda.txt");

        List<GpuArchitecture> classes = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan().gpus().stream()
                .map(GpuArchitecture::of).toList();

        assertThat(classes).containsExactly(
                new GpuArchitecture("hopper", false, false), // H100: "unknown" in the production miner's name table
                new GpuArchitecture("ampere", true, true), // GeForce RTX 3090
                new GpuArchitecture("volta", false, false), // V100: "datacenter" there
                new GpuArchitecture("pascal", true, false), // GTX 1080 Ti
                new GpuArchitecture("turing", true, true), // RTX 2080 Ti
                new GpuArchitecture("ampere", false, false)); // RTX A6000, a workstation card
    }

    @Test
    void theProductionMinersNamesWhereTheyOverlap() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-four-mixed.csv").caps("caps-four-mixed.csv", 0)
                .details("q-cuda.txt");

        assertThat(new NvidiaSmi(TestProbeConfig.of(fake.install())).scan().gpus()).extracting(GpuDevice::computeCap,
                gpu -> GpuArchitecture.of(gpu).architecture())
                .containsExactly(tuple(Optional.of("8.0"), "ampere"),
                        tuple(Optional.of("8.0"), "ampere"),
                        tuple(Optional.of("8.9"), "ada_lovelace"),
                        tuple(Optional.of("7.5"), "turing"));
    }

    @Test
    void anOldDriverWithoutComputeCapKeepsItsGpusAsUnknown() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-one-gpu.csv").caps("caps-old-driver.txt", 2)
                .details("q-cuda.txt");

        GpuScan scan = new NvidiaSmi(TestProbeConfig.of(fake.install())).scan();

        assertThat(scan.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.computeCap()).isEmpty();
            assertThat(GpuArchitecture.of(gpu)).isEqualTo(new GpuArchitecture("unknown", true, false));
        });
        assertThat(scan.problem()).isEmpty();
    }

    @Test
    void migInstancesHaveTheirParentsCapability() throws Exception {
        FakeNvidiaSmi fake = FakeNvidiaSmi.in(dir).query("query-mig.csv").caps("caps-mig.csv", 0)
                .details("q-cuda.txt").list("list-mig.txt");

        assertThat(new NvidiaSmi(TestProbeConfig.of(fake.install())).scan().gpus())
                .allSatisfy(gpu -> assertThat(gpu.computeCap()).contains("8.0"));
    }

    @ParameterizedTest
    @CsvSource({ "9.0, hopper", "8.9, ada_lovelace", "8.6, ampere", "8.7, ampere", "8.0, ampere", "7.5, turing",
            "7.2, volta", "7.0, volta", "6.1, pascal", "6.0, pascal", "12.0, blackwell", "10.0, blackwell",
            "5.2, maxwell", "3.5, unknown", "x.y, unknown" })
    void computeCapabilityNames(String cap, String name) {
        assertThat(GpuArchitecture.name(Optional.of(cap))).isEqualTo(name);
    }
}
