package io.aitbc.miner.coordinator;

/** A definite refusal (4xx other than 401, 403 and 429): the call had no effect and resending it unchanged is useless. */
public class CoordinatorRejectedException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    CoordinatorRejectedException(Endpoint endpoint, int status, String detail) {
        super(endpoint, status, detail, null);
    }

    /** 404: the job (or miner) is unknown to the coordinator. */
    public boolean notFound() {
        return status() == 404;
    }

    /** 413: the body is too large, from the coordinator or the proxy in front of it. */
    public boolean tooLarge() {
        return status() == 413;
    }

    /** 422: the coordinator's validation refused the body. */
    public boolean invalid() {
        return status() == 422;
    }
}
