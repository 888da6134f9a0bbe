package io.aitbc.miner.gpuhealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.job.ErrorCode;

/**
 * A fake two-GPU node: recorded kernel-log lines appended to a file and recorded {@code nvidia-smi} outputs drive each
 * GPU through its states, attribute faults to the right job, reap what a job left and yield to a foreign process; each
 * GPU comes back by itself once its evidence clears.
 */
class GpuHealthTest {

    private static final Duration BURST = Duration.ofMillis(600);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeGpuNode node;
    private GpuHealth health;
    private final List<GpuHealthChanged> changes = new CopyOnWriteArrayList<>();
    private final List<Process> spawned = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        node = new FakeGpuNode(dir);
        health = new GpuHealth(FakeGpuNode.GPUS, TestGpuHealthConfig.of(node.kmsg(), BURST, 2),
                new GpuSmi(node.smiConfig()), changes::add, Instant::now);
    }

    @AfterEach
    void stop() {
        health.stop();
        spawned.forEach(Process::destroyForcibly);
    }

    private GpuStatus status(String uuid) {
        return health.statuses().stream().filter(s -> s.device().uuid().equals(uuid)).findFirst().orElseThrow();
    }

    private void awaitState(String uuid, GpuState state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            health.check();
            assertThat(status(uuid).state()).isEqualTo(state);
        });
    }

    private long spawn(String jobId) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "60");
        builder.environment().put("AITBC_JOB_ID", jobId);
        Process process = builder.start();
        spawned.add(process);
        return process.pid();
    }

    @Test
    void aGpuThatFellOffTheBusIsQuarantinedAndComesBackByItself() throws IOException {
        node.log(Fixtures.kmsg("fallen-off-bus.log"));

        await().atMost(WAIT).until(() -> status(Fixtures.LARGE).state() == GpuState.QUARANTINED);
        assertThat(health.takesJobs(Fixtures.LARGE)).isFalse();
        assertThat(health.takesJobs(Fixtures.SMALL)).isTrue();
        assertThat(status(Fixtures.LARGE).reason()).contains("XID 79").contains("no XID");
        awaitState(Fixtures.LARGE, GpuState.HEALTHY);

        assertThat(changes).filteredOn(c -> c.status().device().uuid().equals(Fixtures.LARGE))
                .extracting(c -> c.status().state(), GpuHealthChanged::availabilityChanged)
                .containsExactly(tuple(GpuState.QUARANTINED, true),
                        tuple(GpuState.RECOVERING, false),
                        tuple(GpuState.HEALTHY, true));
    }

    @Test
    void aGpuMissingFromNvidiaSmiStaysQuarantinedUntilItIsListedAgain() throws IOException {
        node.log(List.of("[10301.5] NVRM: Xid (PCI:0000:41:00.0): 79, pid='<unknown>', name=<unknown>, "
                + "GPU has fallen off the bus."));
        node.healthCsv(Fixtures.smi("health-two-gpus.csv").lines().findFirst().orElseThrow() + "\n");
        await().atMost(WAIT).until(() -> status(Fixtures.LARGE).state() == GpuState.QUARANTINED);

        await().pollDelay(BURST.multipliedBy(2)).atMost(WAIT).untilAsserted(() -> {
            health.check();
            assertThat(status(Fixtures.LARGE).reason()).isEqualTo("not listed by nvidia-smi");
        });
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.QUARANTINED);
        node.health("health-two-gpus.csv");
        awaitState(Fixtures.LARGE, GpuState.HEALTHY);
    }

    @Test
    void anApplicationXidNamingTheJobsProcessFailsItWithExitAndLeavesTheGpuSuspect() throws IOException {
        long pid = spawn("job-app");
        health.jobStarting("job-app", Fixtures.SMALL);
        health.jobProcess("job-app", pid);
        health.jobStarting("job-other", Fixtures.LARGE);

        node.log(List.of("[8812.4] NVRM: Xid (PCI:0000:01:00): 13, pid=" + pid
                + ", name=python3, Graphics SM Warp Exception on (GPC 0, TPC 0, SM 0): Out Of Range Address"));
        await().atMost(WAIT).until(() -> status(Fixtures.SMALL).state() == GpuState.SUSPECT);

        assertThat(health.takesJobs(Fixtures.SMALL)).as("suspect still takes jobs").isTrue();
        assertThat(health.jobEnded("job-other")).as("another GPU's job").isEmpty();
        assertThat(health.jobEnded("job-app")).hasValueSatisfying(fault -> {
            assertThat(fault.code()).isEqualTo(ErrorCode.E_EXIT);
            assertThat(fault.message()).contains("XID 13").contains("Out Of Range Address");
        });
        awaitState(Fixtures.SMALL, GpuState.HEALTHY);
    }

    @Test
    void aHardwareXidFailsEveryJobOfItsGpuWithRunnerSoItIsRetriedElsewhere() throws IOException {
        health.jobStarting("job-large", Fixtures.LARGE);
        health.jobStarting("job-small", Fixtures.SMALL);

        node.log(Fixtures.kmsg("xids.log").subList(4, 5));
        await().atMost(WAIT).until(() -> status(Fixtures.LARGE).state() == GpuState.QUARANTINED);

        assertThat(health.jobEnded("job-small")).isEmpty();
        assertThat(health.jobEnded("job-large")).hasValueSatisfying(fault -> {
            assertThat(fault.code()).isEqualTo(ErrorCode.E_RUNNER);
            assertThat(fault.message()).contains("XID 48").contains("retried on another GPU");
        });
    }

    @Test
    void aBurstOfXidsIsOneIncident() throws IOException {
        node.log(Fixtures.kmsg("burst.log"));

        await().atMost(WAIT).until(() -> status(Fixtures.LARGE).state() == GpuState.QUARANTINED);
        assertThat(status(Fixtures.LARGE).incidents()).isEqualTo(1);
        assertThat(status(Fixtures.LARGE).reason()).contains("XID 119").contains("GSP RPC timeout");
        awaitState(Fixtures.LARGE, GpuState.HEALTHY);
    }

    @Test
    void risingEccQuarantinesUntilItStopsRising() throws IOException {
        node.health("health-ecc-rising.csv");
        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.QUARANTINED);
        assertThat(status(Fixtures.LARGE).reason()).isEqualTo("uncorrected ECC errors rose from 0 to 3");

        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.RECOVERING);
        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.HEALTHY);
    }

    @Test
    void aPendingRemapAndARecoveryActionQuarantineWhileTheyLast() throws IOException {
        node.health("health-remap-pending.csv");
        health.check();
        assertThat(status(Fixtures.LARGE).reason()).contains("row remapping pending");
        node.health("health-recovery-action.csv");
        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.QUARANTINED);
        assertThat(status(Fixtures.LARGE).reason()).isEqualTo("gpu_recovery_action is Reset");
        assertThat(status(Fixtures.SMALL).state()).as("thermal slowdown").isEqualTo(GpuState.SUSPECT);

        node.health("health-ecc-rising.csv");
        health.check();
        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.HEALTHY);
        assertThat(status(Fixtures.SMALL).state()).isEqualTo(GpuState.HEALTHY);
    }

    @Test
    void aHangingNvidiaSmiMakesEveryGpuSuspectUntilItAnswers() throws IOException {
        node.hang(true);
        long start = System.nanoTime();
        health.check();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(health.statuses()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(GpuState.SUSPECT);
            assertThat(s.reason()).contains("hung past 2000 ms");
        });
        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p).contains("hung"));
        node.hang(false);
        health.check();
        assertThat(health.statuses()).extracting(GpuStatus::state).containsOnly(GpuState.HEALTHY);
    }

    @Test
    void whatAJobLeftOnTheGpuIsKilledAndTheGpuSuspectUntilMemoryReturns() throws IOException {
        health.jobStarting("job-leak", Fixtures.LARGE);
        long leftover = spawn("job-leak");
        node.apps(leftover + ", " + Fixtures.LARGE + ", 2048, python3\n"
                + "4411, " + Fixtures.LARGE + ", 5120, /usr/bin/ollama_llama_server\n");
        node.healthCsv(Fixtures.smi("health-two-gpus.csv").replace(" 420,", " 7588,"));

        assertThat(health.jobEnded("job-leak")).isEmpty();

        await().atMost(WAIT).until(() -> ProcessHandle.of(leftover).map(p -> !p.isAlive()).orElse(true));
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.SUSPECT);
        assertThat(status(Fixtures.LARGE).reason()).contains("left 1 process(es)").contains(Long.toString(leftover));
        health.check();
        assertThat(status(Fixtures.LARGE).reason()).as("the Ollama model's 5120 MiB are not the job's")
                .contains("GPU memory 2468 MiB after the job, above its baseline 420 MiB");
        assertThat(health.takesJobs(Fixtures.LARGE)).as("a reaped pid is not foreign").isTrue();

        node.apps("4411, " + Fixtures.LARGE + ", 5120, /usr/bin/ollama_llama_server\n");
        node.healthCsv(Fixtures.smi("health-two-gpus.csv").replace(" 420,", " 5540,"));
        health.check();
        assertThat(status(Fixtures.LARGE).state()).isEqualTo(GpuState.HEALTHY);
    }

    @Test
    void aForeignComputeProcessStopsItsGpusSlotsUntilItIsGone() throws IOException {
        node.apps("999999, " + Fixtures.SMALL + ", 8000, /opt/other/miner.exe\n"
                + "4411, " + Fixtures.LARGE + ", 5120, /usr/bin/ollama\n");
        health.check();

        assertThat(health.takesJobs(Fixtures.SMALL)).isFalse();
        assertThat(health.takesJobs(Fixtures.LARGE)).as("the inference server is not foreign").isTrue();
        assertThat(status(Fixtures.SMALL).foreign()).hasValueSatisfying(f -> assertThat(f).contains("miner.exe"));
        assertThat(changes).extracting(c -> c.status().device().uuid(), GpuHealthChanged::availabilityChanged)
                .containsExactly(tuple(Fixtures.SMALL, true));

        node.apps("");
        health.check();
        assertThat(health.takesJobs(Fixtures.SMALL)).isTrue();
    }
}
