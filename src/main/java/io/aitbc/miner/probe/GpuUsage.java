package io.aitbc.miner.probe;

/**
 * A job's GPU use, sampled while it ran, over the GPUs it used.
 *
 * @param utilizationPercent mean utilisation over the samples and the GPUs
 * @param memoryUsedMb mean memory in use, MiB, summed over the GPUs
 * @param memoryPeakMb the highest memory in use seen in one sample, MiB, summed over the GPUs
 * @param samples how many {@code nvidia-smi} readings it rests on
 */
public record GpuUsage(int utilizationPercent, long memoryUsedMb, long memoryPeakMb, int samples) {
}
