package io.aitbc.miner.coordinator;

import java.net.ConnectException;
import java.time.Duration;

/** Maps the coordinator's answers and transport failures to the typed exceptions of D1. */
final class Answers {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private Answers() {
    }

    /** The body of a 2xx answer ({@code ""} when empty); any other status throws its typed exception. */
    static String body(Endpoint endpoint, HttpAnswer answer, boolean safeToRepeat) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return answer.body();
        }
        throw forStatus(endpoint, status, detail(answer), answer.retryAfter(), safeToRepeat);
    }

    /** A call that got no answer: refused connections had no effect, anything else may have. */
    static CoordinatorException forTransport(Endpoint endpoint, Throwable failure, boolean safeToRepeat) {
        if (failure instanceof CoordinatorException known) {
            return known;
        }
        String detail = failure.getClass().getSimpleName();
        if (refused(failure) || safeToRepeat) {
            return new CoordinatorUnavailableException(endpoint, 0, detail, failure);
        }
        return new AmbiguousOutcomeException(endpoint, 0, detail, failure);
    }

    private static CoordinatorException forStatus(Endpoint endpoint, int status, String detail, String retryAfter,
            boolean safeToRepeat) {
        if (status == 401 || status == 403) {
            return new CoordinatorAuthException(endpoint, status, detail);
        }
        if (status == 429) {
            return new RateLimitedException(endpoint, retryAfter(retryAfter));
        }
        if (status >= 500) {
            return safeToRepeat ? new CoordinatorUnavailableException(endpoint, status, detail, null)
                    : new AmbiguousOutcomeException(endpoint, status, detail, null);
        }
        return new CoordinatorRejectedException(endpoint, status, detail);
    }

    /** {@code Retry-After} in seconds; a missing or unreadable value counts as the coordinator's usual 60 s. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(HttpAnswer answer) {
        String requestId = answer.requestId();
        String text = answer.body().strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return (requestId == null ? "" : "request " + requestId + " ") + text;
    }
}
