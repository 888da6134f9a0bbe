package io.aitbc.miner.gpuhealth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.process.ProcessGroups;
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

/**
 * GPU faults through the whole agent on the fake two-GPU node: the XID is written to the kernel log while a
 * {@code slot: gpu} job runs, naming the job's process; the job fails with the code the evidence says, the GPU's
 * slots stop and resume, the capability document drops and regains the GPU, and the GPU comes back by itself.
 */
@QuarkusTest
@TestProfile(GpuHealthProfile.class)
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class GpuFaultPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Map<String, String> BUS = Map.of(Fixtures.SMALL, "0000:01:00", Fixtures.LARGE, "0000:41:00");

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Inject
    SlotScheduler scheduler;

    @Inject
    GpuHealth health;

    private String submit(Path marker, double wait, JsonObject constraints) {
        JsonObject payload = new JsonObject().put("type", "python").put("module", "aitbc_test.gpu_fault")
                .put("args", new JsonObject().put("marker", marker.toString()).put("wait", wait));
        return sim.submit(payload, constraints, Duration.ofMinutes(5));
    }

    /** The pid of the job's process, once it runs. */
    private static long processOf(String jobId) {
        long[] found = new long[1];
        await().atMost(WAIT).until(() -> {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                found[0] = procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .mapToLong(Long::parseLong)
                        .filter(pid -> ProcessGroups.environmentHas(pid, "AITBC_JOB_ID=" + jobId)).findFirst()
                        .orElse(-1);
            }
            return found[0] > 0;
        });
        return found[0];
    }

    private static String deviceOf(long pid) throws IOException {
        String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8);
        return Stream.of(environ.split("\0")).filter(e -> e.startsWith("CUDA_VISIBLE_DEVICES=")).findFirst()
                .orElseThrow().substring("CUDA_VISIBLE_DEVICES=".length());
    }

    private SimJob awaitEnd(String id) {
        await().atMost(WAIT).until(() -> sim.job(id)
                .map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED).orElse(false));
        return sim.job(id).orElseThrow();
    }

    private List<String> registeredGpus() {
        JsonNode gpus = sim.miner(TestInfra.MINER_ID).orElseThrow().capabilities().path("gpus");
        return Stream.of(gpus.findValuesAsText("uuid").toArray(String[]::new)).toList();
    }

    private GpuState state(String uuid) {
        return health.statuses().stream().filter(s -> s.device().uuid().equals(uuid)).findFirst().orElseThrow().state();
    }

    @Test
    void anApplicationXidNamingTheJobFailsItWithExitAndTheGpuStaysInService() throws IOException {
        Path marker = Files.createTempDirectory("gpu-fault").resolve("fault");
        String id = submit(marker, 20, new JsonObject().put("min_vram_gb", 40));
        long pid = processOf(id);

        GpuHealthProfile.NODE.log(List.of("[8812.402117] NVRM: Xid (PCI:0000:41:00): 13, pid=" + pid
                + ", name=python3, Graphics SM Warp Exception on (GPC 0, TPC 0, SM 0): Out Of Range Address"));
        await().atMost(WAIT).until(() -> state(Fixtures.LARGE) == GpuState.SUSPECT);
        Files.writeString(marker, "");

        SimJob job = awaitEnd(id);
        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith("E_EXIT: the job's GPU code faulted: XID 13").contains("Out Of Range");
        assertThat(job.reports()).hasSize(1);
        assertThat(health.takesJobs(Fixtures.LARGE)).isTrue();
        await().atMost(WAIT).until(() -> state(Fixtures.LARGE) == GpuState.HEALTHY);
    }

    @Test
    void aGpuThatFellOffTheBusIsTakenOutItsJobRetriedOnTheOtherAndItComesBackByItself() throws IOException {
        await().atMost(WAIT).until(() -> registeredGpus().size() == 2 && scheduler.totalSlots() == 5);
        Path marker = Files.createTempDirectory("gpu-fault").resolve("fault");
        String id = submit(marker, 6, null);
        long pid = processOf(id);
        String first = deviceOf(pid);
        String other = first.equals(Fixtures.SMALL) ? Fixtures.LARGE : Fixtures.SMALL;

        GpuHealthProfile.NODE.log(List.of("[10301.553901] NVRM: Xid (PCI:" + BUS.get(first)
                + "): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus."));
        await().atMost(WAIT).until(() -> state(first) == GpuState.QUARANTINED);
        Files.writeString(marker, "");
        assertThat(scheduler.totalSlots()).as("the quarantined GPU's slot is not offered").isEqualTo(4);
        given().auth().oauth2(TestInfra.ADMIN_TOKEN).get("/admin/gpus").then().statusCode(200)
                .body("find { it.uuid == '" + first + "' }.state", equalTo("quarantined"))
                .body("find { it.uuid == '" + first + "' }.takes_jobs", equalTo(false));
        assertThat(new GpuHealthReadinessCheck(health).call().getData().orElseThrow())
                .hasEntrySatisfying("gpu." + (first.equals(Fixtures.SMALL) ? 0 : 1),
                        v -> assertThat(v.toString()).contains("quarantined since").contains("XID 79"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(registeredGpus()).containsExactly(other));

        SimJob job = awaitEnd(id);
        assertThat(job.state()).as("retried on the other GPU").isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
        assertThat(job.reports().get(0).body().at("/result/output/device").asText()).isEqualTo(other);

        await().atMost(WAIT).until(() -> state(first) == GpuState.HEALTHY);
        await().atMost(WAIT).untilAsserted(() -> assertThat(registeredGpus()).containsExactlyInAnyOrder(first, other));
        assertThat(scheduler.totalSlots()).isEqualTo(5);
    }
}
