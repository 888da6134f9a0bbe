package io.aitbc.miner.gpuhealth;

/**
 * What NVIDIA's XID catalog says to do about an XID ("resolution bucket, immediate action"), and what it means here
 * (D44): for the GPU's state and for the job that was running when it came.
 */
public enum XidAction {
    /** The application's own fault ({@code RESTART_APP}, e.g. an illegal address): the job fails {@code E_EXIT}. */
    APPLICATION(GpuState.SUSPECT, false),
    /** A hardware error the driver contained ({@code RESTART_APP} for a memory error): the job is retried elsewhere. */
    CONTAINED(GpuState.SUSPECT, true),
    /** {@code RESET_GPU}: the GPU needs a reset; quarantined, its job retried on another GPU. */
    RESET(GpuState.QUARANTINED, true),
    /** {@code RESTART_BM}: the node needs a reboot (the GPU fell off the bus); quarantined, its job retried. */
    REBOOT(GpuState.QUARANTINED, true),
    /** Informational ({@code IGNORE}): logged, no effect. */
    IGNORE(GpuState.HEALTHY, false),
    /** Not in the catalog ({@code CONTACT_SUPPORT}): suspect, its job retried. */
    UNKNOWN(GpuState.SUSPECT, true);

    private final GpuState state;
    private final boolean hardware;

    XidAction(GpuState state, boolean hardware) {
        this.state = state;
        this.hardware = hardware;
    }

    /** The state this evidence puts the GPU in while it lasts. */
    public GpuState state() {
        return state;
    }

    /** Whether the GPU, not the job, is to blame: the job then fails {@code E_RUNNER} and is retried. */
    public boolean hardware() {
        return hardware;
    }

    /** The more severe of two actions (the one whose state takes fewer jobs, then the hardware one). */
    XidAction worse(XidAction other) {
        if (other.state.ordinal() != state.ordinal()) {
            return other.state.ordinal() > state.ordinal() ? other : this;
        }
        return other.hardware && !hardware ? other : this;
    }
}
