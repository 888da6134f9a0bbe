package io.aitbc.miner.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.job.SlotNeed;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;

/**
 * The three pools of D13: inference (not pinned), one per GPU ({@code MINER_GPU_SLOTS_PER_DEVICE} each, for
 * {@code slot: gpu} jobs, chosen by VRAM) and CPU. A GPU whose slots take no job now (its health, D44) is skipped and
 * left out of the total, but still counts for whether a need can ever be met. Acquisition is not thread-safe by
 * itself: {@link Admission} acquires and releases under its lock; the counts may be read from anywhere.
 */
final class SlotPools {

    private record Pool(SlotKind kind, Semaphore slots, int size, Optional<GpuDevice> device) {
        int busy() {
            return size - slots.availablePermits();
        }
    }

    private final Pool inference;
    private final Pool cpu;
    private final List<Pool> gpus = new ArrayList<>();
    private final Predicate<String> usable;

    SlotPools(int inferenceSlots, int cpuSlots, int slotsPerDevice, HardwareInventory inventory) {
        this(inferenceSlots, cpuSlots, slotsPerDevice, inventory, uuid -> true);
    }

    /** @param usable whether the slots of the GPU with this UUID take jobs now */
    SlotPools(int inferenceSlots, int cpuSlots, int slotsPerDevice, HardwareInventory inventory,
            Predicate<String> usable) {
        this.usable = usable;
        this.inference = pool(SlotKind.INFERENCE, inferenceSlots, Optional.empty());
        this.cpu = pool(SlotKind.CPU, cpuSlots, Optional.empty());
        inventory.gpus().forEach(gpu -> gpus.add(pool(SlotKind.GPU, slotsPerDevice, Optional.of(gpu))));
    }

    /** The pools configured for this node; {@link SlotsConfig#problems} checked each size at start-up. */
    static SlotPools of(SlotsConfig config, HardwareInventory inventory, Predicate<String> usable) {
        int perDevice = config.gpuSlotsPerDevice();
        int inference = config.inferenceSlots().orElseGet(() -> Math.max(1, inventory.gpus().size() * perDevice));
        int cpu = config.cpuSlots().orElseGet(inventory::cpuCores);
        return new SlotPools(inference, cpu, perDevice, inventory, usable);
    }

    /** Slots that take jobs now: every pool, less the GPUs that take none. */
    int total() {
        return all().filter(this::usable).mapToInt(Pool::size).sum();
    }

    int busy() {
        return all().mapToInt(Pool::busy).sum();
    }

    /** Busy slots of {@code kind}: the inference or CPU pool, or all GPUs together. */
    int busy(SlotKind kind) {
        return all().filter(p -> p.kind() == kind).mapToInt(Pool::busy).sum();
    }

    /** Slots of {@code kind}: the inference or CPU pool, or all GPUs together. */
    int size(SlotKind kind) {
        return all().filter(p -> p.kind() == kind).mapToInt(Pool::size).sum();
    }

    /** Whether some slot here could ever take a job of {@code need}: false for a GPU need no device's memory covers. */
    boolean canMeet(SlotNeed need) {
        return !candidates(need).isEmpty();
    }

    /** A free slot for {@code need} (the first device that fits, for a GPU job); empty while every candidate is full. */
    Optional<Lease> tryAcquire(SlotNeed need) {
        return candidates(need).stream().filter(p -> usable(p) && p.slots().tryAcquire()).findFirst()
                .map(p -> new Lease(p.kind(), p.slots(), p.device()));
    }

    private List<Pool> candidates(SlotNeed need) {
        return switch (need.kind()) {
            case INFERENCE -> List.of(inference);
            case CPU -> List.of(cpu);
            case GPU -> gpus.stream().filter(p -> fits(p.device().orElseThrow(), need.minVramGb())).toList();
        };
    }

    private boolean usable(Pool pool) {
        return pool.device().map(gpu -> usable.test(gpu.uuid())).orElse(true);
    }

    private static boolean fits(GpuDevice gpu, double minVramGb) {
        return minVramGb <= 0 || gpu.memoryTotalMb() >= minVramGb * 1024;
    }

    /** Every pool now: inference, CPU, then one per GPU. */
    List<PoolView> views() {
        return all().map(p -> new PoolView(p.kind(), p.device(), p.size(), p.busy())).toList();
    }

    private Stream<Pool> all() {
        return Stream.concat(Stream.of(inference, cpu), gpus.stream());
    }

    private static Pool pool(SlotKind kind, int size, Optional<GpuDevice> device) {
        return new Pool(kind, new Semaphore(size), size, device);
    }
}
