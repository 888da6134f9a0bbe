package io.aitbc.miner.gpuhealth;

import io.aitbc.miner.job.ErrorCode;

/**
 * A GPU fault that hit a running job: an XID attributed to its process group, or a hardware fault of its GPU while it
 * ran. It decides the job's failure (D44): the job's own fault is {@code E_EXIT}, the GPU's is {@code E_RUNNER}, so the
 * job is retried, on another GPU while this one is quarantined.
 *
 * @param uuid the GPU
 * @param xid the XID ({@link KernelEvent#FELL_OFF_BUS} for a fall off the bus)
 * @param action the catalog's action for it
 * @param text the driver's words
 */
public record GpuFault(String uuid, int xid, XidAction action, String text) {

    /** The failure code the job gets. */
    public ErrorCode code() {
        return action.hardware() ? ErrorCode.E_RUNNER : ErrorCode.E_EXIT;
    }

    /** The failure message, after the code. */
    public String message() {
        String what = "XID " + xid + " (" + XidCatalog.of(xid).meaning() + ") on " + uuid + ": " + text;
        return action.hardware() ? "GPU fault, retried on another GPU: " + what : "the job's GPU code faulted: " + what;
    }
}
