package io.aitbc.miner.scheduler;

import java.util.Optional;

import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.GpuDevice;

/**
 * One slot pool as operators see it (D13): its kind, the GPU it is pinned to, its size and how many of its slots run a
 * job now.
 *
 * @param kind the pool's kind
 * @param gpu the device of a {@link SlotKind#GPU} pool, as probed at start-up
 * @param size its slots
 * @param busy its slots running a job now
 */
public record PoolView(SlotKind kind, Optional<GpuDevice> gpu, int size, int busy) {
}
