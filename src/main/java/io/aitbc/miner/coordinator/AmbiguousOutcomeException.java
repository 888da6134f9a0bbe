package io.aitbc.miner.coordinator;

/**
 * A poll, {@code /result} or {@code /fail} that may have taken effect: a 5xx, a timeout or a connection reset after
 * the request left (D1). It is settled by reconciliation with the coordinator's job listing, never by resending.
 */
public class AmbiguousOutcomeException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    AmbiguousOutcomeException(Endpoint endpoint, int status, String detail, Throwable cause) {
        super(endpoint, status, detail, cause);
    }
}
