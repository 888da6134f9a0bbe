package io.aitbc.miner.job;

/**
 * The error codes of failure reports, as the README's table lists them. The code is the first word of both
 * {@code error_code} and {@code error_message} in {@code /fail}, because the coordinator drops {@code error_code}
 * today.
 */
public enum ErrorCode {
    /** The payload is not what its type needs. */
    E_BADJOB(false),
    /** Unknown {@code payload.type}. */
    E_UNSUPPORTED(false),
    /** Not allowed by the allowlist or policy. */
    E_DENY(false),
    /** The requested model is not installed; another is never substituted. */
    E_MODEL(false),
    /** The job needs a GPU (or more VRAM) than this node has. */
    E_NOGPU(false),
    /** The job ran past its limit and was killed. */
    E_TIMEOUT(false),
    /** The job was killed for memory. */
    E_OOM(false),
    /** The program exited non-zero. */
    E_EXIT(false),
    /** The backend is unreachable or errored transiently; retried locally with backoff. */
    E_RUNNER(true),
    /**
     * A job's media could not be fetched (D39). Retried locally for 5xx answers, timeouts and broken connections; a
     * policy refusal or a 4xx answer is a {@linkplain JobOutcome#permanent() permanent} failure.
     */
    E_FETCH(true),
    /** The agent stopped while the job ran and it cannot be run again before its deadline. */
    E_INTERRUPTED(false),
    /** A bug in the agent, or a report the coordinator cannot take. */
    E_INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * Whether a failure with this code is retried by the agent before it is reported, unless the failure itself says
     * it is permanent ({@link JobOutcome#retryable()}).
     */
    public boolean retryable() {
        return retryable;
    }
}
