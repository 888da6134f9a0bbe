package io.aitbc.miner.uploader;

import java.time.Duration;

import io.aitbc.miner.coordinator.AmbiguousOutcomeException;
import io.aitbc.miner.coordinator.CoordinatorAuthException;
import io.aitbc.miner.coordinator.CoordinatorException;
import io.aitbc.miner.coordinator.CoordinatorRejectedException;
import io.aitbc.miner.coordinator.RateLimitedException;
import io.aitbc.miner.job.JobOutcome;

/**
 * What a refused or unanswered upload means for its outbox entry (D7), as plain code without effects: the uploader
 * carries it out. A 2xx answer needs no decision: the entry is done.
 *
 * @param action what to do with the entry
 * @param delay how long until the same report is sent again, for the actions that resend it; zero otherwise
 */
record UploadDecision(Action action, Duration delay) {

    static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    static final Duration AUTH_RETRY_DELAY = Duration.ofSeconds(30);

    /** The possible fates of an outbox entry after a failed upload. */
    enum Action {
        /** 404: the coordinator no longer knows the job; done without a report. */
        NOT_FOUND,
        /** 429: send it again after {@code Retry-After}. */
        RATE_LIMITED,
        /** 401/403: keep it and send it again slowly; readiness says why meanwhile. */
        KEY_REFUSED,
        /** The call certainly had no effect (refused connection, open circuit): send it again soon. */
        UNSENT,
        /** 5xx, timeout or reset: it may have landed; kept for reconciliation, never resent blindly. */
        AMBIGUOUS,
        /** 413 for a result: cut it down and send it again at once. */
        SHRINK,
        /** 422 for a result: replaced by an {@code E_INTERNAL} failure, sent at once. */
        FAIL_INSTEAD,
        /** Any other refusal: resending cannot help; moved to {@code dead} for an operator. */
        BURY
    }

    /** The decision for {@code failure}, the answer to an upload of a {@code report}. */
    static UploadDecision after(JobOutcome.Report report, CoordinatorException failure) {
        boolean result = report == JobOutcome.Report.RESULT;
        return switch (failure) {
            case RateLimitedException limited -> new UploadDecision(Action.RATE_LIMITED, limited.retryAfter());
            case CoordinatorAuthException auth -> new UploadDecision(Action.KEY_REFUSED, AUTH_RETRY_DELAY);
            case AmbiguousOutcomeException ambiguous -> of(Action.AMBIGUOUS);
            case CoordinatorRejectedException refused when refused.notFound() -> of(Action.NOT_FOUND);
            case CoordinatorRejectedException refused when result && refused.tooLarge() -> of(Action.SHRINK);
            case CoordinatorRejectedException refused when result && refused.invalid() -> of(Action.FAIL_INSTEAD);
            case CoordinatorRejectedException refused -> of(Action.BURY);
            default -> new UploadDecision(Action.UNSENT, RETRY_DELAY);
        };
    }

    private static UploadDecision of(Action action) {
        return new UploadDecision(action, Duration.ZERO);
    }
}
