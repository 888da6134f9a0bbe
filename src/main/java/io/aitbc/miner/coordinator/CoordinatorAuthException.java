package io.aitbc.miner.coordinator;

/** 401 or 403: the key is wrong or refused. Not retryable as such: readiness goes DOWN with the reason. */
public class CoordinatorAuthException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    CoordinatorAuthException(Endpoint endpoint, int status, String detail) {
        super(endpoint, status, detail, null);
    }
}
