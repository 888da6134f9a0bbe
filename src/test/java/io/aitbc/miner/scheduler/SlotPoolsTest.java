package io.aitbc.miner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;

class SlotPoolsTest {

    static final GpuDevice SMALL = new GpuDevice(0, "GPU-small", "L4", 24 * 1024, -1, -1, false);
    static final GpuDevice LARGE = new GpuDevice(1, "GPU-large", "L40S", 48 * 1024, -1, -1, false);

    private final SlotPools pools = new SlotPools(1, 2, 1, inventory(List.of(SMALL, LARGE)));

    @Test
    void theTotalIsTheSumOfEveryPool() {
        assertThat(pools.total()).isEqualTo(5);
        assertThat(pools.size(SlotKind.GPU)).isEqualTo(2);
    }

    @Test
    void twoGpuJobsArePinnedToDifferentDevicesAndAThirdWaits() {
        Lease first = pools.tryAcquire(SlotNeed.of(SlotKind.GPU)).orElseThrow();
        Lease second = pools.tryAcquire(SlotNeed.of(SlotKind.GPU)).orElseThrow();

        assertThat(first.device().orElseThrow()).isNotEqualTo(second.device().orElseThrow());
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.GPU))).isEmpty();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.CPU))).as("CPU jobs still run").isPresent();
        first.release();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.GPU))).isPresent();
    }

    @Test
    void vramDecidesTheDeviceAndTooMuchCanNeverBeMet() {
        SlotNeed big = new SlotNeed(SlotKind.GPU, 40);
        assertThat(pools.tryAcquire(big).orElseThrow().device()).contains(LARGE);
        assertThat(pools.tryAcquire(big)).as("waits for the large device").isEmpty();
        assertThat(pools.canMeet(big)).isTrue();
        assertThat(pools.canMeet(new SlotNeed(SlotKind.GPU, 80))).isFalse();
    }

    @Test
    void aNodeWithoutGpusCanMeetNoGpuNeed() {
        SlotPools cpuOnly = new SlotPools(1, 1, 1, inventory(List.of()));
        assertThat(cpuOnly.canMeet(SlotNeed.of(SlotKind.GPU))).isFalse();
        assertThat(cpuOnly.canMeet(SlotNeed.of(SlotKind.CPU))).isTrue();
        assertThat(cpuOnly.total()).isEqualTo(2);
    }

    @Test
    void busySlotsAreCountedPerPool() {
        Lease gpu = pools.tryAcquire(SlotNeed.of(SlotKind.GPU)).orElseThrow();
        pools.tryAcquire(SlotNeed.of(SlotKind.GPU)).orElseThrow();
        pools.tryAcquire(SlotNeed.of(SlotKind.CPU)).orElseThrow();

        assertThat(pools.busy(SlotKind.GPU)).isEqualTo(2);
        assertThat(pools.busy(SlotKind.CPU)).isEqualTo(1);
        assertThat(pools.busy(SlotKind.INFERENCE)).isZero();
        assertThat(pools.busy()).isEqualTo(3);
        gpu.release();
        assertThat(pools.busy(SlotKind.GPU)).isEqualTo(1);
    }

    @Test
    void sizesComeFromTheConfigurationAndTheNode() {
        SlotPools sized = SlotPools.of(config(Optional.empty(), 2, Optional.empty()), inventory(List.of(SMALL, LARGE)),
                uuid -> true);

        assertThat(sized.size(SlotKind.INFERENCE)).as("GPUs × slots per device").isEqualTo(4);
        assertThat(sized.size(SlotKind.GPU)).isEqualTo(4);
        assertThat(sized.size(SlotKind.CPU)).as("the cores").isEqualTo(2);
        assertThat(SlotPools.of(config(Optional.empty(), 1, Optional.of(3)), inventory(List.of()), uuid -> true)
                .size(SlotKind.INFERENCE)).as("one without a GPU").isEqualTo(1);
    }

    @Test
    void aPoolOfNoSlotsIsAConfigurationErrorNamingItsProperty() {
        assertThat(config(Optional.of(0), 1, Optional.empty()).problems().list())
                .containsExactly("miner.inference.slots: must be at least 1");
        assertThat(config(Optional.empty(), 0, Optional.empty()).problems().list())
                .containsExactly("miner.gpu.slots-per-device: must be at least 1");
        assertThat(config(Optional.empty(), 1, Optional.of(0)).problems().list())
                .containsExactly("miner.cpu.slots: must be at least 1");
        assertThat(config(Optional.of(2), 1, Optional.of(2)).problems().list()).isEmpty();
    }

    static HardwareInventory inventory(List<GpuDevice> gpus) {
        return new HardwareInventory(2, "cpu", "x86_64", 1L << 34, 1L << 36, gpus, Optional.empty());
    }

    private static SlotsConfig config(Optional<Integer> inference, int perDevice, Optional<Integer> cpu) {
        return new SlotsConfig() {
            @Override
            public Optional<Integer> inferenceSlots() {
                return inference;
            }

            @Override
            public int gpuSlotsPerDevice() {
                return perDevice;
            }

            @Override
            public Optional<Integer> cpuSlots() {
                return cpu;
            }
        };
    }
}
