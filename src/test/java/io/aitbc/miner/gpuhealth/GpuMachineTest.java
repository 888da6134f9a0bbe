package io.aitbc.miner.gpuhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The health machine of one GPU: evidence in, state out, and recovery only through clean checks. */
class GpuMachineTest {

    private static final Duration BURST = Duration.ofMinutes(3);
    private final Instant t0 = Instant.parse("2026-12-02T05:00:00Z");
    private final GpuMachine gpu = new GpuMachine(new GpuStatus.Device(1, Fixtures.LARGE), BURST, 3, t0);

    private void clean(Instant at) {
        gpu.checked(List.of(), List.of(), true, at);
    }

    private GpuState state() {
        return gpu.status().state();
    }

    @Test
    void anApplicationXidMakesSuspectUntilTheBurstWindowPasses() {
        gpu.xid(13, XidAction.APPLICATION, "Graphics Exception", t0);

        assertThat(state()).isEqualTo(GpuState.SUSPECT);
        assertThat(gpu.takesJobs()).isTrue();
        assertThat(gpu.status().reason()).contains("XID 13").contains("APPLICATION");
        clean(t0.plus(BURST).minusSeconds(1));
        assertThat(state()).isEqualTo(GpuState.SUSPECT);
        clean(t0.plus(BURST));
        assertThat(state()).isEqualTo(GpuState.HEALTHY);
        assertThat(gpu.status().since()).isEqualTo(t0.plus(BURST));
    }

    @Test
    void aFallOffTheBusQuarantinesAndRecoversOnlyThroughCleanChecks() {
        gpu.xid(79, XidAction.REBOOT, "GPU has fallen off the bus.", t0);
        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
        assertThat(gpu.takesJobs()).isFalse();

        Instant later = t0.plus(BURST).plusSeconds(1);
        gpu.checked(List.of("not listed by nvidia-smi"), List.of(), false, later);
        assertThat(state()).as("still missing").isEqualTo(GpuState.QUARANTINED);
        assertThat(gpu.status().reason()).isEqualTo("not listed by nvidia-smi");

        clean(later.plusSeconds(15));
        assertThat(state()).isEqualTo(GpuState.RECOVERING);
        assertThat(gpu.takesJobs()).isFalse();
        assertThat(gpu.status().reason()).isEqualTo("evidence cleared, 1 of 3 clean checks");
        clean(later.plusSeconds(30));
        assertThat(state()).isEqualTo(GpuState.RECOVERING);
        clean(later.plusSeconds(45));
        assertThat(state()).isEqualTo(GpuState.HEALTHY);
        assertThat(gpu.status().reason()).isEqualTo("recovered after 3 clean checks");
    }

    @Test
    void aResetXidWaitsForTheBurstWindowEvenWithCleanChecks() {
        gpu.xid(119, XidAction.RESET, "GSP timeout", t0);
        clean(t0.plusSeconds(60));

        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
    }

    @Test
    void aBurstIsOneIncidentWithItsWorstAction() {
        gpu.xid(13, XidAction.APPLICATION, "first", t0);
        gpu.xid(48, XidAction.RESET, "DBE", t0.plusSeconds(10));
        gpu.xid(13, XidAction.APPLICATION, "third", t0.plusSeconds(20));

        assertThat(gpu.status().incidents()).isEqualTo(1);
        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
        assertThat(gpu.status().reason()).contains("XID 48");
        gpu.xid(13, XidAction.APPLICATION, "next incident", t0.plusSeconds(20).plus(BURST));
        assertThat(gpu.status().incidents()).isEqualTo(2);
    }

    @Test
    void newEvidenceWhileRecoveringQuarantinesAgain() {
        gpu.checked(List.of("row remapping pending (needs a GPU reset)"), List.of(), true, t0);
        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
        clean(t0.plusSeconds(15));
        assertThat(state()).isEqualTo(GpuState.RECOVERING);

        gpu.checked(List.of("gpu_recovery_action is Reset"), List.of(), true, t0.plusSeconds(30));
        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
        clean(t0.plusSeconds(45));
        assertThat(gpu.status().reason()).as("the count starts again").isEqualTo("evidence cleared, 1 of 3 clean checks");
    }

    @Test
    void aFailedCheckNeverMovesAQuarantinedGpuOn() {
        gpu.checked(List.of("uncorrected ECC errors rose from 0 to 3"), List.of(), true, t0);
        gpu.checked(List.of(), List.of("nvidia-smi hung past 500 ms"), false, t0.plusSeconds(15));

        assertThat(state()).isEqualTo(GpuState.QUARANTINED);
    }

    @Test
    void signalsOfASlowdownMakeSuspectWhileTheyLast() {
        gpu.checked(List.of(), List.of("thermal slowdown active"), true, t0);
        assertThat(state()).isEqualTo(GpuState.SUSPECT);
        assertThat(gpu.status().reason()).isEqualTo("thermal slowdown active");
        clean(t0.plusSeconds(15));
        assertThat(state()).isEqualTo(GpuState.HEALTHY);
    }

    @Test
    void aLeakMakesSuspectUntilMemoryReturns() {
        gpu.leak(Optional.of("job j1 left 1 process(es) on the GPU, killed"), t0);
        assertThat(state()).isEqualTo(GpuState.SUSPECT);
        gpu.leak(Optional.empty(), t0.plusSeconds(15));
        assertThat(state()).isEqualTo(GpuState.HEALTHY);
    }

    @Test
    void aForeignProcessStopsJobsWithoutChangingTheState() {
        gpu.foreign(Optional.of("foreign compute process pid 77 (miner.exe) on the GPU"));

        assertThat(state()).isEqualTo(GpuState.HEALTHY);
        assertThat(gpu.takesJobs()).isFalse();
        assertThat(gpu.status().takesJobs()).isFalse();
        gpu.foreign(Optional.empty());
        assertThat(gpu.takesJobs()).isTrue();
    }

    @Test
    void ignoredXidsChangeNothing() {
        gpu.xid(154, XidAction.IGNORE, "recovery action changed", t0);

        assertThat(state()).isEqualTo(GpuState.HEALTHY);
        assertThat(gpu.status().incidents()).isZero();
    }
}
