package io.aitbc.miner.tee;

/** A quote could not be made; the message says why and never carries a PIN or key bytes. */
public class TeeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public TeeException(String message) {
        super(message);
    }

    /** @param message what failed; {@code cause} is kept for the log */
    public TeeException(String message, Throwable cause) {
        super(message, cause);
    }
}
