package io.aitbc.miner.pipeline;

import static io.aitbc.miner.pipeline.SandboxJobs.awaitEnd;
import static io.aitbc.miner.pipeline.SandboxJobs.python;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.scheduler.SlotScheduler;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** GPU and CPU jobs side by side on a fake two-GPU node: up to their slot counts, never above, GPU jobs pinned. */
@QuarkusTest
@TestProfile(TwoGpuProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class SlotSchedulingTest {

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    SlotScheduler scheduler;

    /** One job's run as it reported it. */
    private record Run(double start, double end, String device) {
    }

    @Test
    void registersTheSumOfThePools() {
        assertThat(scheduler.slots(SlotKind.GPU)).isEqualTo(2);
        assertThat(scheduler.slots(SlotKind.CPU)).isEqualTo(2);
        assertThat(scheduler.totalSlots()).isEqualTo(5);
    }

    @Test
    void gpuAndCpuJobsRunSideBySideUpToTheirSlotsAndNeverAbove() {
        // Interleaved, so the first five polls (the slot total) bring both kinds whatever the timing.
        List<String> gpu = new ArrayList<>();
        List<String> cpu = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gpu.add(sim.submit(python("aitbc_test.timed", new JsonObject().put("seconds", 1.0))));
            cpu.add(sim.submit(python("aitbc_test.timed_cpu", new JsonObject().put("seconds", 1.0))));
        }

        List<Run> gpuRuns = runs(gpu);
        List<Run> cpuRuns = runs(cpu);

        assertThat(maxOverlap(gpuRuns)).as("GPU jobs at once").isEqualTo(2);
        assertThat(maxOverlap(cpuRuns)).as("CPU jobs at once").isEqualTo(2);
        List<Run> all = new ArrayList<>(gpuRuns);
        all.addAll(cpuRuns);
        assertThat(maxOverlap(all)).as("GPU and CPU side by side").isEqualTo(4);
        assertThat(gpuRuns).extracting(Run::device).containsOnly(TwoGpuProbe.SMALL, TwoGpuProbe.LARGE);
        assertThat(cpuRuns).extracting(Run::device).containsOnly("");
        for (Run a : gpuRuns) {
            for (Run b : gpuRuns) {
                if (a != b && a.start() < b.end() && b.start() < a.end()) {
                    assertThat(a.device()).as("overlapping GPU jobs share no device").isNotEqualTo(b.device());
                }
            }
        }
    }

    @Test
    void aGpuJobNeedingMoreVramThanTheSmallDeviceRunsOnTheLargeOne() {
        String id = sim.submit(python("aitbc_test.timed", new JsonObject().put("seconds", 0.1)),
                new JsonObject().put("min_vram_gb", 40), java.time.Duration.ofMinutes(5));
        SimJob job = awaitEnd(sim, id);
        assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
        JsonNode body = job.reports().get(0).body();
        assertThat(body.at("/result/output/device").asText()).isEqualTo(TwoGpuProbe.LARGE);
        assertThat(body.at("/metrics/unit_type").asText()).isEqualTo("gpu_seconds");
    }

    private List<Run> runs(List<String> ids) {
        return ids.stream().map(id -> awaitEnd(sim, id)).map(job -> {
            assertThat(job.state()).as("job %s: %s", job.id(), job.error()).isEqualTo(SimJobState.COMPLETED);
            JsonNode out = job.reports().get(0).body().at("/result/output");
            return new Run(out.path("start").asDouble(), out.path("end").asDouble(), out.path("device").asText());
        }).toList();
    }

    private static int maxOverlap(List<Run> runs) {
        int max = 0;
        for (Run run : runs) {
            int at = (int) runs.stream().filter(o -> o.start() <= run.start() && run.start() < o.end()).count();
            max = Math.max(max, at);
        }
        return max;
    }
}
