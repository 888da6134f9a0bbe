package io.aitbc.miner.fetch;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;

/**
 * Why a job's media could not be fetched. The message never holds the URL's query string or user info, so it may go
 * into a {@code /fail} message and a log line as it is.
 */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    FetchException(String reason, boolean retryable) {
        super(reason);
        this.retryable = retryable;
    }

    /** A refusal or an answer that would be the same next time (policy, 4xx, too large). */
    static FetchException permanent(String reason) {
        return new FetchException(reason, false);
    }

    /** A failure that may pass (5xx, timeout, broken connection, full disk). */
    static FetchException transientFailure(String reason) {
        return new FetchException(reason, true);
    }

    /** Whether running the job again may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The job's {@code E_FETCH} failure, retried locally only when {@link #retryable()}. */
    public JobOutcome outcome() {
        JobOutcome outcome = JobOutcome.failure(ErrorCode.E_FETCH, getMessage());
        return retryable ? outcome : outcome.permanent();
    }
}
