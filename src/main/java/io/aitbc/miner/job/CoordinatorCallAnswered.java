package io.aitbc.miner.job;

import java.time.Duration;

/**
 * A CDI event: a coordinator call ended, with or without an answer.
 *
 * @param endpoint the endpoint's lowercase label
 * @param outcome {@link #OK} for a 2xx answer, the HTTP status of a refusal, or {@link #NO_ANSWER}
 * @param took the call's wall time
 */
public record CoordinatorCallAnswered(String endpoint, String outcome, Duration took) {

    /** The outcome of a 2xx answer. */
    public static final String OK = "2xx";
    /** The outcome of a call that got no answer (refused, reset, timed out, circuit open). */
    public static final String NO_ANSWER = "none";

    /** The outcome label: {@link #OK} when the call succeeded, else {@code status}, or {@link #NO_ANSWER} for 0. */
    public static String outcome(boolean succeeded, int status) {
        return succeeded ? OK : status > 0 ? Integer.toString(status) : NO_ANSWER;
    }
}
