package io.aitbc.miner.coordinator;

import java.time.Duration;

/** 429: nothing more goes to this endpoint before {@link #retryAfter()} has passed. */
public class RateLimitedException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    RateLimitedException(Endpoint endpoint, Duration retryAfter) {
        super(endpoint, 429, "rate limited, retry after " + retryAfter.toSeconds() + " s", null);
        this.retryAfter = retryAfter;
    }

    /** How long the coordinator asked the agent to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
