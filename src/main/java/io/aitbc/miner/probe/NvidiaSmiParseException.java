package io.aitbc.miner.probe;

/** {@code nvidia-smi} printed something the parser does not understand; the probe then reports no GPUs. */
public class NvidiaSmiParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the offending line */
    public NvidiaSmiParseException(String message) {
        super(message);
    }
}
