package io.aitbc.miner.coordinator;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

/**
 * The typed exceptions the coordinator client throws, made the way the client makes them ({@link Answers}), for
 * unit tests of the stages that react to them.
 */
public final class CoordinatorAnswers {

    private CoordinatorAnswers() {
    }

    /** What a call to {@code endpoint} throws for an answer with {@code status} (not a 2xx). */
    public static CoordinatorException status(Endpoint endpoint, int status) {
        return thrown(endpoint, new HttpAnswer(status, "{\"detail\":\"status " + status + "\"}", null, null));
    }

    /** A 429 asking to wait {@code retryAfter}. */
    public static RateLimitedException rateLimited(Endpoint endpoint, Duration retryAfter) {
        return (RateLimitedException) thrown(endpoint,
                new HttpAnswer(429, "", Long.toString(retryAfter.toSeconds()), null));
    }

    /** A refused connection: nothing was sent. */
    public static CoordinatorException refused(Endpoint endpoint) {
        return Answers.forTransport(endpoint, new RuntimeException(new ConnectException("Connection refused")),
                false);
    }

    /** A connection reset after the request left: for a poll or an upload, it may have taken effect. */
    public static CoordinatorException reset(Endpoint endpoint) {
        return Answers.forTransport(endpoint, new RuntimeException(new IOException("Connection reset")), false);
    }

    private static CoordinatorException thrown(Endpoint endpoint, HttpAnswer response) {
        boolean safeToRepeat = endpoint != Endpoint.POLL && endpoint != Endpoint.RESULT && endpoint != Endpoint.FAIL;
        try {
            Answers.body(endpoint, response, safeToRepeat);
        } catch (CoordinatorException e) {
            return e;
        }
        throw new IllegalArgumentException(response.status() + " is a success");
    }
}
