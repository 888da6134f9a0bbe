package io.aitbc.miner.fetch;

import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.netty.channel.ConnectTimeoutException;

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

    /**
     * Why a connection or a download broke: a timeout names the setting that ran out, a TLS failure is permanent, any
     * other break may pass.
     */
    static FetchException broken(String what, Throwable error, FetchLimits limits) {
        if (error instanceof ConnectTimeoutException) {
            return transientFailure(what + ": no connection within " + limits.connect().toMillis()
                    + " ms (MINER_MEDIA_CONNECT_TIMEOUT)");
        }
        if (error instanceof TimeoutException) {
            return transientFailure(what + ": silent for " + limits.idle().toMillis() + " ms (MINER_MEDIA_IDLE_TIMEOUT)");
        }
        if (error instanceof SSLException) {
            return permanent(what + ": TLS failed: " + describe(error));
        }
        return transientFailure(what + ": " + describe(error));
    }

    /** An error's class and message, without anything that looks like a query string. */
    static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage().replaceAll("\\?\\S*", "");
        return error.getClass().getSimpleName() + message;
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
