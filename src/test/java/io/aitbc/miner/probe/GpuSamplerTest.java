package io.aitbc.miner.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job usage sampler on a fake {@code nvidia-smi} whose figures change while the "job" runs. */
class GpuSamplerTest {

    private static final String USAGE = String.join(" ", GpuSampler.USAGE_ARGS);
    private static final String A = "GPU-aaaaaaaa-0000-0000-0000-000000000001";
    private static final String B = "GPU-bbbbbbbb-0000-0000-0000-000000000002";

    @TempDir
    Path dir;

    private FakeNvidiaSmi fake;
    private GpuSampler sampler;

    @BeforeEach
    void start() throws Exception {
        fake = FakeNvidiaSmi.in(dir);
        Path script = fake.install();
        sampler = new GpuSampler(new NvidiaSmi(TestProbeConfig.of(script)), () -> Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        sampler.stop();
    }

    @Test
    void thePeakIsTheHighestReadingWhileTheJobRanNotAFloor() throws Exception {
        fake.usage(A + ", 10, 1000\n" + B + ", 99, 30000\n");
        GpuSampler.Sampling job = sampler.start(List.of(A));
        awaitNewQuery();
        fake.usage(A + ", 90, 5000\n" + B + ", 99, 30000\n");
        awaitNewQueries(3); // several readings of the peak: one query may fail on a loaded machine
        fake.usage(A + ", 50, 2000\n" + B + ", 99, 30000\n");
        awaitNewQuery();

        GpuUsage usage = job.stop().orElseThrow();

        assertThat(usage.memoryPeakMb()).isEqualTo(5000);
        assertThat(usage.memoryUsedMb()).isBetween(1000L, 5000L);
        assertThat(usage.utilizationPercent()).isBetween(10, 90);
        assertThat(usage.samples()).isGreaterThanOrEqualTo(2);
        assertThat(job.stop()).contains(usage);
    }

    @Test
    void aJobOnTwoGpusSumsTheirMemory() throws Exception {
        fake.usage(A + ", 20, 1000\n" + B + ", 40, 3000\n");
        GpuSampler.Sampling job = sampler.start(Set.of(A, B));
        awaitNewQuery();

        GpuUsage usage = job.stop().orElseThrow();

        assertThat(usage.memoryPeakMb()).isEqualTo(4000);
        assertThat(usage.memoryUsedMb()).isEqualTo(4000);
        assertThat(usage.utilizationPercent()).isEqualTo(30);
    }

    @Test
    void noGpuMeansNoQueryAndNoFigures() throws Exception {
        GpuSampler.Sampling job = sampler.start(List.of());

        assertThat(job.stop()).isEmpty();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void aGpuNvidiaSmiDoesNotReportGivesNoFigures() throws Exception {
        fake.usage(B + ", 99, 30000\n");

        assertThat(sampler.start(List.of(A)).stop()).isEmpty();
    }

    @Test
    void nothingIsQueriedOnceNoJobRuns() throws Exception {
        fake.usage(A + ", 10, 1000\n");
        GpuSampler.Sampling job = sampler.start(List.of(A));
        awaitNewQuery();
        job.stop();
        int after = queries();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> queries() <= after + 1);
    }

    private void awaitNewQuery() throws Exception {
        awaitNewQueries(1);
    }

    /** Waits until {@code n} queries started after now, so each of them reads the figures written before. */
    private void awaitNewQueries(int n) throws Exception {
        int seen = queries();
        await().atMost(Duration.ofSeconds(10)).until(() -> queries() >= seen + n);
    }

    private int queries() throws Exception {
        return (int) fake.calls().stream().filter(USAGE::equals).count();
    }
}
