package io.aitbc.miner.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;

/**
 * The three pools of D13: inference (not pinned), one per GPU ({@code MINER_GPU_SLOTS_PER_DEVICE} each, for
 * {@code slot: gpu} jobs, chosen by VRAM) and CPU. Acquisition is not thread-safe by itself: the scheduler acquires
 * under its lock, and may keep {@code reserved} slots of every pool for jobs it claimed before knowing their pool.
 */
final class SlotPools {

    private record Pool(Semaphore slots, int size, Optional<GpuDevice> device) {
        boolean roomAbove(int reserved) {
            return slots.availablePermits() > reserved;
        }
    }

    private final Pool inference;
    private final Pool cpu;
    private final List<Pool> gpus = new ArrayList<>();

    SlotPools(int inferenceSlots, int cpuSlots, int slotsPerDevice, HardwareInventory inventory) {
        if (cpuSlots < 1) {
            throw new InvalidConfigException("MINER_CPU_SLOTS", "must be at least 1");
        }
        this.inference = pool(inferenceSlots, Optional.empty());
        this.cpu = pool(cpuSlots, Optional.empty());
        inventory.gpus().forEach(gpu -> gpus.add(pool(slotsPerDevice, Optional.of(gpu))));
    }

    int total() {
        return all().mapToInt(Pool::size).sum();
    }

    /** Busy slots of {@code kind}: the inference or CPU pool, or all GPUs together. */
    int busy(SlotKind kind) {
        return of(kind).mapToInt(p -> p.size() - p.slots().availablePermits()).sum();
    }

    /** Slots of {@code kind}: the inference or CPU pool, or all GPUs together. */
    int size(SlotKind kind) {
        return of(kind).mapToInt(Pool::size).sum();
    }

    private Stream<Pool> of(SlotKind kind) {
        return switch (kind) {
            case INFERENCE -> Stream.of(inference);
            case CPU -> Stream.of(cpu);
            case GPU -> gpus.stream();
        };
    }

    /** Whether every pool has more than {@code reserved} free slots, so a job of any kind would find one. */
    boolean roomEverywhere(int reserved) {
        return all().allMatch(p -> p.roomAbove(reserved));
    }

    /** Whether some pool has more than {@code reserved} free slots. */
    boolean roomSomewhere(int reserved) {
        return all().anyMatch(p -> p.roomAbove(reserved));
    }

    /**
     * A slot for {@code need}, leaving {@code reserved} in its pool; {@link Lease#NONE} for a job that needs none or
     * needs a GPU no device can give (the runner then refuses it with {@code E_NOGPU}); empty when it must wait.
     */
    Optional<Lease> tryAcquire(SlotNeed need, int reserved) {
        if (need.kind().isEmpty()) {
            return Optional.of(Lease.NONE);
        }
        List<Pool> candidates = switch (need.kind().get()) {
            case INFERENCE -> List.of(inference);
            case CPU -> List.of(cpu);
            case GPU -> gpus.stream().filter(p -> fits(p.device().orElseThrow(), need.minVramGb())).toList();
        };
        if (candidates.isEmpty()) {
            return Optional.of(Lease.NONE);
        }
        return candidates.stream().filter(p -> p.roomAbove(reserved)).filter(p -> p.slots().tryAcquire()).findFirst()
                .map(p -> new Lease(Optional.of(p.slots()), p.device()));
    }

    private static boolean fits(GpuDevice gpu, double minVramGb) {
        return minVramGb <= 0 || gpu.memoryTotalMb() >= minVramGb * 1024;
    }

    private Stream<Pool> all() {
        return Stream.concat(Stream.of(inference, cpu), gpus.stream());
    }

    private static Pool pool(int size, Optional<GpuDevice> device) {
        return new Pool(new Semaphore(size), size, device);
    }
}
