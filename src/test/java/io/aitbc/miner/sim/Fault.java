package io.aitbc.miner.sim;

import java.time.Duration;

/**
 * A misbehaviour injected on the next {@code times} calls of one endpoint (see {@link Faults}).
 *
 * @param kind what happens
 * @param times how many calls it applies to
 * @param status the answered status ({@link Kind#STATUS})
 * @param body the answered body ({@link Kind#STATUS}), JSON text or empty
 * @param delay how late the answer comes ({@link Kind#DELAY})
 * @param retryAfterSeconds the {@code Retry-After} of a {@link Kind#RATE_LIMIT} answer
 */
public record Fault(Kind kind, int times, int status, String body, Duration delay, int retryAfterSeconds) {

    /** The kinds of fault. */
    public enum Kind {
        /** Answer the given status and body without applying the call. */
        STATUS,
        /** Apply the call, then answer only after the delay (past the client's timeout). */
        DELAY,
        /** Apply the call, then close the connection without an answer. */
        DROP,
        /** Answer {@code 429 {"detail":"Rate limit exceeded"}} with the given {@code Retry-After}, not applying it. */
        RATE_LIMIT
    }

    public Fault {
        if (times < 1) {
            throw new IllegalArgumentException("a fault applies to at least one call");
        }
    }

    /** Answers {@code status} with {@code body} instead of applying the call. */
    public static Fault status(int status, String body, int times) {
        return new Fault(Kind.STATUS, times, status, body, Duration.ZERO, 0);
    }

    /** Applies the call and answers after {@code delay}. */
    public static Fault delay(Duration delay, int times) {
        return new Fault(Kind.DELAY, times, 0, "", delay, 0);
    }

    /** Applies the call and drops the connection without an answer. */
    public static Fault dropAfterApply(int times) {
        return new Fault(Kind.DROP, times, 0, "", Duration.ZERO, 0);
    }

    /** Answers 429 with {@code Retry-After: retryAfterSeconds}. */
    public static Fault rateLimitBurst(int retryAfterSeconds, int times) {
        return new Fault(Kind.RATE_LIMIT, times, 429, "{\"detail\":\"Rate limit exceeded\"}", Duration.ZERO,
                retryAfterSeconds);
    }
}
