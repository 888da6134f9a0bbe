package io.aitbc.miner.gpuhealth;

import java.util.OptionalLong;

/**
 * One GPU event read from the kernel log: an {@code NVRM: Xid} line, or the multi-line "fallen off the bus" message
 * that may come without an XID.
 *
 * @param busId the GPU's PCI address, normalised by {@link BusIds#normalize} ({@code 0000:3b:00})
 * @param xid the XID, or {@link #FELL_OFF_BUS} for the message without one
 * @param pid the process the driver named, when it named one
 * @param text the driver's words after the PCI address (for the reason shown to operators), cut to 200 characters
 */
public record KernelEvent(String busId, int xid, OptionalLong pid, String text) {

    /** The {@link #xid()} of a "fallen off the bus" message without an XID: treated as XID 79. */
    public static final int FELL_OFF_BUS = 79;
}
