package io.aitbc.miner.gpuhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The VRAM reaper through the whole agent: a {@code slot: gpu} python job leaves a child behind (in a session of its
 * own, so the sandbox's group kill misses it), the fake {@code nvidia-smi} lists it on the job's GPU; after the job the
 * child is killed and the GPU is suspect until the listing is clean and memory is back.
 */
@QuarkusTest
@TestProfile(GpuReaperProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class GpuReaperPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    GpuHealth health;

    private GpuStatus status(String uuid) {
        return health.statuses().stream().filter(s -> s.device().uuid().equals(uuid)).findFirst().orElseThrow();
    }

    @Test
    void aGpuJobsLeftoverProcessIsKilledAndItsGpuSuspectUntilItIsGone() throws IOException {
        FakeGpuNode node = GpuReaperProfile.REAPER_NODE;
        Path dir = Files.createTempDirectory("gpu-leak");
        Path pidFile = dir.resolve("child.pid");
        Path marker = dir.resolve("go");
        JsonObject payload = new JsonObject().put("type", "python").put("module", "aitbc_test.leave_child")
                .put("args", new JsonObject().put("pid_file", pidFile.toString()).put("marker", marker.toString())
                        .put("wait", 20));
        String id = sim.submit(payload, new JsonObject().put("min_vram_gb", 40), Duration.ofMinutes(5));

        await().atMost(WAIT).until(() -> Files.exists(pidFile));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        node.apps(child + ", " + Fixtures.LARGE + ", 3072, sleep\n");
        node.healthCsv(Fixtures.smi("health-two-gpus.csv").replace(" 420,", " 3492,"));
        Files.writeString(marker, "");

        await().atMost(WAIT).until(() -> sim.job(id).map(j -> j.state() == SimJobState.COMPLETED).orElse(false));
        SimJob job = sim.job(id).orElseThrow();
        assertThat(job.reports().get(0).body().at("/result/output/device").asText()).isEqualTo(Fixtures.LARGE);
        await().atMost(WAIT).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.SUSPECT);
        assertThat(status(Fixtures.LARGE).reason()).as("the reaper's finding, or the next check's: memory still up")
                .satisfiesAnyOf(r -> assertThat(r).contains("left 1 process(es)").contains(Long.toString(child)),
                        r -> assertThat(r).contains("GPU memory 3492 MiB after the job, above its baseline 420 MiB"));
        assertThat(health.takesJobs(Fixtures.LARGE)).isTrue();

        node.apps("");
        node.health("health-two-gpus.csv");
        await().atMost(WAIT).until(() -> status(Fixtures.LARGE).state() == GpuState.HEALTHY);
    }
}
