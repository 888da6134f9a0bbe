package io.aitbc.miner.gpuhealth;

import java.util.Map;

/**
 * The XIDs the agent knows, with their meaning and NVIDIA's immediate action (the XID catalog for Ampere and newer,
 * {@code docs.nvidia.com/deploy/xid-errors}). Codes not listed are {@link XidAction#UNKNOWN}.
 */
final class XidCatalog {

    /** One catalog row: what the XID means and what to do. */
    record Entry(String meaning, XidAction action) {
    }

    private static final Map<Integer, Entry> ENTRIES = Map.ofEntries(
            Map.entry(8, new Entry("GPU stopped processing", XidAction.APPLICATION)),
            Map.entry(13, new Entry("graphics engine exception", XidAction.APPLICATION)),
            Map.entry(31, new Entry("GPU memory page fault", XidAction.APPLICATION)),
            Map.entry(43, new Entry("GPU stopped processing", XidAction.APPLICATION)),
            Map.entry(45, new Entry("preemptive cleanup after earlier errors", XidAction.IGNORE)),
            Map.entry(48, new Entry("double-bit ECC error", XidAction.RESET)),
            Map.entry(61, new Entry("internal micro-controller breakpoint", XidAction.RESET)),
            Map.entry(62, new Entry("internal micro-controller halt", XidAction.RESET)),
            Map.entry(63, new Entry("ECC page retirement or row remapping recorded", XidAction.RESET)),
            Map.entry(64, new Entry("ECC page retirement or row remapping failed", XidAction.RESET)),
            Map.entry(68, new Entry("video decoder exception", XidAction.APPLICATION)),
            Map.entry(69, new Entry("graphics engine class error", XidAction.APPLICATION)),
            Map.entry(74, new Entry("NVLink error", XidAction.RESET)),
            Map.entry(79, new Entry("GPU has fallen off the bus", XidAction.REBOOT)),
            Map.entry(92, new Entry("high single-bit ECC error rate", XidAction.IGNORE)),
            Map.entry(94, new Entry("contained ECC error", XidAction.CONTAINED)),
            Map.entry(95, new Entry("uncontained ECC error", XidAction.RESET)),
            Map.entry(109, new Entry("context switch timeout", XidAction.APPLICATION)),
            Map.entry(119, new Entry("GSP RPC timeout", XidAction.RESET)),
            Map.entry(120, new Entry("GSP error", XidAction.RESET)),
            Map.entry(140, new Entry("unrecovered ECC error", XidAction.RESET)),
            Map.entry(154, new Entry("GPU recovery action changed", XidAction.IGNORE)));

    private XidCatalog() {
    }

    /** The catalog's entry for {@code xid}; unknown codes are {@link XidAction#UNKNOWN}. */
    static Entry of(int xid) {
        return ENTRIES.getOrDefault(xid, new Entry("XID not in the catalog", XidAction.UNKNOWN));
    }
}
