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

    private static final GpuDevice SMALL = new GpuDevice(0, "GPU-small", "L4", 24 * 1024, -1, -1, false);
    private static final GpuDevice LARGE = new GpuDevice(1, "GPU-large", "L40S", 48 * 1024, -1, -1, false);

    private final SlotPools pools = new SlotPools(1, 2, 1, inventory(List.of(SMALL, LARGE)));

    @Test
    void theTotalIsTheSumOfEveryPool() {
        assertThat(pools.total()).isEqualTo(5);
        assertThat(pools.size(SlotKind.GPU)).isEqualTo(2);
    }

    @Test
    void twoGpuJobsArePinnedToDifferentDevicesAndAThirdWaits() {
        Lease first = pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0).orElseThrow();
        Lease second = pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0).orElseThrow();

        assertThat(first.device().orElseThrow()).isNotEqualTo(second.device().orElseThrow());
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0)).isEmpty();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.CPU), 0)).as("CPU jobs still run").isPresent();
        first.release();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0)).isPresent();
    }

    @Test
    void vramDecidesTheDeviceAndTooMuchNeedsNoSlotToBeRefused() {
        SlotNeed big = new SlotNeed(Optional.of(SlotKind.GPU), 40);
        assertThat(pools.tryAcquire(big, 0).orElseThrow().device()).contains(LARGE);
        assertThat(pools.tryAcquire(big, 0)).as("waits for the large device").isEmpty();
        assertThat(pools.tryAcquire(new SlotNeed(Optional.of(SlotKind.GPU), 80), 0)).contains(Lease.NONE);
    }

    @Test
    void aNodeWithoutGpusGivesGpuJobsNoSlotSoTheyAreRefused() {
        SlotPools cpuOnly = new SlotPools(1, 1, 1, inventory(List.of()));
        assertThat(cpuOnly.tryAcquire(SlotNeed.of(SlotKind.GPU), 0)).contains(Lease.NONE);
        assertThat(cpuOnly.total()).isEqualTo(2);
    }

    @Test
    void reservedSlotsAreKeptInEveryPool() {
        assertThat(pools.roomEverywhere(0)).isTrue();
        assertThat(pools.roomEverywhere(1)).as("the inference pool has one slot").isFalse();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.CPU), 1)).isPresent();
        assertThat(pools.tryAcquire(SlotNeed.of(SlotKind.CPU), 1)).as("last CPU slot kept").isEmpty();
        assertThat(pools.roomSomewhere(0)).isTrue();
        assertThat(pools.tryAcquire(SlotNeed.NONE, 5)).contains(Lease.NONE);
    }

    @Test
    void busySlotsAreCountedPerPool() {
        pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0).orElseThrow();
        pools.tryAcquire(SlotNeed.of(SlotKind.GPU), 0).orElseThrow();
        Lease cpu = pools.tryAcquire(SlotNeed.of(SlotKind.CPU), 0).orElseThrow();

        assertThat(pools.busy(SlotKind.INFERENCE)).isZero();
        assertThat(pools.busy(SlotKind.GPU)).as("both devices").isEqualTo(2);
        assertThat(pools.busy(SlotKind.CPU)).isOne();
        cpu.release();
        assertThat(pools.busy(SlotKind.CPU)).isZero();
    }

    private static HardwareInventory inventory(List<GpuDevice> gpus) {
        return new HardwareInventory(2, "cpu", "x86_64", 1L << 34, 1L << 36, gpus, Optional.empty());
    }
}
