package io.aitbc.miner.coordinator;

import java.util.Locale;

/**
 * The coordinator's miner endpoints, each with the coordinator's own rate limit per caller IP and 60 s sliding window
 * (D1). Also used as a bounded metric label.
 */
public enum Endpoint {
    REGISTER(50),
    HEARTBEAT(100),
    POLL(100),
    RESULT(50),
    FAIL(50),
    LIST_JOBS(200),
    DEREGISTER(50);

    private final int limitPerMinute;

    Endpoint(int limitPerMinute) {
        this.limitPerMinute = limitPerMinute;
    }

    /** Requests the coordinator accepts from one IP in any 60 s window. */
    public int limitPerMinute() {
        return limitPerMinute;
    }

    /** The lowercase label for metrics and logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
