package io.aitbc.miner.gpuhealth;

/**
 * One process {@code nvidia-smi --query-compute-apps} lists.
 *
 * @param pid its pid (as the driver sees it: in a container, possibly the host's)
 * @param uuid the GPU it uses
 * @param usedMb its GPU memory, MiB; -1 when not reported
 * @param name its process name
 */
public record ComputeApp(long pid, String uuid, long usedMb, String name) {
}
