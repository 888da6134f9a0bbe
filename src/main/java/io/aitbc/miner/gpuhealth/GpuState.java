package io.aitbc.miner.gpuhealth;

import java.util.Locale;

/** Where one GPU stands (D44): the states of its health machine, and whether its slots take jobs in each. */
public enum GpuState {
    /** No evidence against it. */
    HEALTHY(true),
    /** Mild or passing evidence (an application XID, a thermal slowdown, leaked memory); still takes jobs, watched. */
    SUSPECT(true),
    /** Evidence that jobs would fail on it (a reset- or reboot-class XID, ECC, pending remap, a recovery action). */
    QUARANTINED(false),
    /** The evidence cleared; it must pass {@code MINER_GPU_RECOVERY_CHECKS} clean checks in a row before jobs return. */
    RECOVERING(false);

    private final boolean takesJobs;

    GpuState(boolean takesJobs) {
        this.takesJobs = takesJobs;
    }

    /** Whether the GPU's slots take jobs in this state. */
    public boolean takesJobs() {
        return takesJobs;
    }

    /** The state's name as metrics and JSON show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
