package io.aitbc.miner.gpuhealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code nvidia-smi} health query says of a GPU (D44). Fields the driver does not report are empty or -1.
 *
 * @param busId its PCI address, normalised ({@link BusIds})
 * @param uuid {@code GPU-…}
 * @param memoryUsedMb memory in use, MiB; -1 when not reported
 * @param eccVolatile uncorrected ECC errors since the driver loaded; -1 when not reported
 * @param eccAggregate uncorrected ECC errors over the GPU's life; -1 when not reported
 * @param remapPending whether a row remapping waits for a reset
 * @param remapFailure whether a row remapping failed (the GPU needs service)
 * @param thermal whether a thermal slowdown (hardware or software) is active
 * @param powerBrake whether the hardware power brake is active
 * @param recoveryAction {@code gpu_recovery_action}: {@code None}, {@code Reset}, {@code Reboot}, …; empty when the
 *        driver does not have it
 */
public record GpuSignals(String busId, String uuid, long memoryUsedMb, long eccVolatile, long eccAggregate,
        Optional<Boolean> remapPending, Optional<Boolean> remapFailure, boolean thermal, boolean powerBrake,
        Optional<String> recoveryAction) {

    /**
     * Why these signals keep the GPU from jobs, in the order checked; {@code previous} is the last query's figures,
     * for the ECC counter that rose.
     */
    List<String> quarantineReasons(Optional<GpuSignals> previous) {
        List<String> reasons = new ArrayList<>();
        previous.filter(p -> p.eccVolatile >= 0 && eccVolatile > p.eccVolatile)
                .ifPresent(p -> reasons.add("uncorrected ECC errors rose from " + p.eccVolatile + " to " + eccVolatile));
        if (remapPending.orElse(false)) {
            reasons.add("row remapping pending (needs a GPU reset)");
        }
        if (remapFailure.orElse(false)) {
            reasons.add("row remapping failed");
        }
        recoveryAction.filter(a -> !a.equalsIgnoreCase("None"))
                .ifPresent(a -> reasons.add("gpu_recovery_action is " + a));
        return reasons;
    }

    /** Why these signals make the GPU suspect (it still takes jobs). */
    List<String> suspectReasons() {
        List<String> reasons = new ArrayList<>();
        if (thermal) {
            reasons.add("thermal slowdown active");
        }
        if (powerBrake) {
            reasons.add("power brake slowdown active");
        }
        return reasons;
    }
}
