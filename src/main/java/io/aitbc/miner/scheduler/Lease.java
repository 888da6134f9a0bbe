package io.aitbc.miner.scheduler;

import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.GpuDevice;

/**
 * A slot a job holds while it runs.
 *
 * @param kind the pool the slot belongs to
 * @param slots the pool's semaphore
 * @param device the GPU of a {@link SlotKind#GPU} slot
 */
record Lease(SlotKind kind, Semaphore slots, Optional<GpuDevice> device) {

    void release() {
        slots.release();
    }

    /** The slot as the runner is told it. */
    Placement placement() {
        return new Placement(kind, device.map(GpuDevice::uuid));
    }
}
