package io.aitbc.miner.coordinator;

/**
 * The call certainly had no effect (connection refused, circuit open) or was safe to repeat and kept failing: try
 * again later.
 */
public class CoordinatorUnavailableException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    CoordinatorUnavailableException(Endpoint endpoint, int status, String detail, Throwable cause) {
        super(endpoint, status, detail, cause);
    }
}
