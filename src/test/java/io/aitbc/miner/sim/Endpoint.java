package io.aitbc.miner.sim;

/** The simulator's routes, each with the coordinator's rate limit per 60 s (0: not limited). */
public enum Endpoint {
    /** {@code GET /health} at the server root. */
    HEALTH(0),
    /** {@code GET /v1/health/live}. */
    HEALTH_LIVE(0),
    /** {@code GET /v1/health/ready}. */
    HEALTH_READY(0),
    /** {@code POST /v1/miners/register}. */
    REGISTER(50),
    /** {@code POST /v1/miners/heartbeat}. */
    HEARTBEAT(100),
    /** {@code POST /v1/miners/poll}. */
    POLL(100),
    /** {@code POST /v1/miners/{job_id}/result}. */
    RESULT(50),
    /** {@code POST /v1/miners/{job_id}/fail}. */
    FAIL(50),
    /** {@code POST /v1/miners/{miner_id}/jobs}. */
    LIST_JOBS(200),
    /** {@code DELETE /v1/miners/{miner_id}}. */
    DEREGISTER(50),
    /** {@code PUT /v1/miners/{miner_id}/capabilities}. */
    CAPABILITIES(50),
    /** {@code POST /v1/miners/{miner_id}/earnings}. */
    EARNINGS(200),
    /** {@code POST /v1/miners/{miner_id}/jobs/{job_id}/fail}: always 500. */
    JOB_FAIL(50),
    /** Any other path or method. */
    NOT_FOUND(0);

    private final int defaultLimit;

    Endpoint(int defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    /** The coordinator's calls allowed per caller IP per window; 0 when the endpoint is not limited. */
    public int defaultLimit() {
        return defaultLimit;
    }

    /** Whether the call needs {@code X-Api-Key}. */
    boolean authenticated() {
        return this != HEALTH && this != HEALTH_LIVE && this != HEALTH_READY && this != NOT_FOUND;
    }

    /** Whether the call needs a JSON body (even {@code {}}). */
    boolean needsBody() {
        return this == REGISTER || this == HEARTBEAT || this == POLL || this == RESULT || this == FAIL
                || this == CAPABILITIES;
    }
}
