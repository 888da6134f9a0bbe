package io.aitbc.miner.coordinator;

/**
 * A coordinator call that did not succeed. Subtypes say what the caller may do next: retry, wait, reconcile or give
 * up. The message carries the endpoint, the status and the coordinator's request id, never a secret.
 */
public abstract class CoordinatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Endpoint endpoint;
    private final int status;

    CoordinatorException(Endpoint endpoint, int status, String detail, Throwable cause) {
        super(endpoint.label() + (status > 0 ? " answered " + status : " got no answer") + ": " + detail, cause);
        this.endpoint = endpoint;
        this.status = status;
    }

    /** The endpoint called. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
