package io.aitbc.miner.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.probe.GpuDevice;

/**
 * The GPU each running {@code slot: gpu} job holds: set by the scheduler when it takes a device slot, read by the
 * runner to pin the job with {@code CUDA_VISIBLE_DEVICES=<GPU UUID>} (D13, D29).
 */
@ApplicationScoped
public class DeviceAssignments {

    private final Map<String, GpuDevice> devices = new ConcurrentHashMap<>();

    /** The job runs on {@code device} until {@link #release(String)}. */
    public void assign(String jobId, GpuDevice device) {
        devices.put(jobId, device);
    }

    /** The job no longer holds a device. */
    public void release(String jobId) {
        devices.remove(jobId);
    }

    /** The device the job holds. */
    public Optional<GpuDevice> of(String jobId) {
        return Optional.ofNullable(devices.get(jobId));
    }
}
