package io.aitbc.miner.job;

/** The three slot pools of decisions D13. */
public enum SlotKind {
    /** Inference jobs; not pinned to a device, Ollama places models itself. */
    INFERENCE,
    /** {@code cli}/{@code python} entries with {@code slot: gpu}, pinned to one GPU by UUID. */
    GPU,
    /** Every other {@code cli}/{@code python} job. */
    CPU
}
