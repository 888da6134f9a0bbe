package io.aitbc.miner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.GpuDevice;

/** Which GPUs a job's figures are sampled on: the ones its slot gave it, never a MIG instance. */
class JobGpuUsageTest {

    private static final GpuDevice A = new GpuDevice(0, "GPU-a", "NVIDIA L4", 23034, 22000, 0, false);
    private static final GpuDevice B = new GpuDevice(1, "GPU-b", "NVIDIA L4", 23034, 22000, 0, false);
    private static final GpuDevice MIG = new GpuDevice(2, "MIG-c", "NVIDIA A100 MIG 1g.10gb", 9728, -1, -1, true);
    private static final List<GpuDevice> NODE = List.of(A, B, MIG);

    @Test
    void aGpuSlotSamplesItsOwnDeviceOnly() {
        assertThat(JobGpuUsage.gpusOf(new Placement(SlotKind.GPU, Optional.of("GPU-b")), NODE)).containsExactly("GPU-b");
    }

    @Test
    void anInferenceSlotSamplesEveryWholeGpu() {
        assertThat(JobGpuUsage.gpusOf(Placement.of(SlotKind.INFERENCE), NODE)).containsExactly("GPU-a", "GPU-b");
    }

    @Test
    void aCpuSlotAMigInstanceAndAGpuLessNodeSampleNothing() {
        assertThat(JobGpuUsage.gpusOf(Placement.of(SlotKind.CPU), NODE)).isEmpty();
        assertThat(JobGpuUsage.gpusOf(new Placement(SlotKind.GPU, Optional.of("MIG-c")), NODE)).isEmpty();
        assertThat(JobGpuUsage.gpusOf(Placement.of(SlotKind.INFERENCE), List.of())).isEmpty();
    }
}
