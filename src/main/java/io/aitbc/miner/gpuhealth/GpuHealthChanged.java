package io.aitbc.miner.gpuhealth;

/**
 * A GPU's health state changed, or whether its slots take jobs did (a foreign process came or went); fired
 * synchronously. The scheduler admits waiting jobs again, registration sends the new capability document.
 *
 * @param status the GPU's health now
 * @param availabilityChanged whether {@link GpuStatus#takesJobs()} changed with it
 */
public record GpuHealthChanged(GpuStatus status, boolean availabilityChanged) {
}
