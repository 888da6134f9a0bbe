package io.aitbc.miner.scheduler;

import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.aitbc.miner.probe.GpuDevice;

/**
 * A slot a job holds while it runs.
 *
 * @param slots the pool's semaphore; empty for a job that needs no slot (it fails at once)
 * @param device the GPU of a {@code slot: gpu} job
 */
record Lease(Optional<Semaphore> slots, Optional<GpuDevice> device) {

    static final Lease NONE = new Lease(Optional.empty(), Optional.empty());

    void release() {
        slots.ifPresent(Semaphore::release);
    }
}
