package io.aitbc.miner.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one report a job gets: the exact JSON body of a {@code /result} or a {@code /fail} call. It is committed to the
 * outbox before any upload, so what is stored is what is sent.
 *
 * @param report which endpoint takes the body
 * @param errorCode the failure's code, {@code null} for a result
 * @param body the request body
 * @param retryable whether the agent may run the job again instead of reporting this failure: its code's
 *        {@link ErrorCode#retryable()} unless the failure was made {@link #permanent()}; never stored, since only
 *        outcomes that are not retried reach the outbox
 */
public record JobOutcome(Report report, ErrorCode errorCode, ObjectNode body, boolean retryable) {

    /** The coordinator endpoint that takes the report. */
    public enum Report {
        RESULT,
        FAIL
    }

    /** An outcome retried as its code says. */
    public JobOutcome(Report report, ErrorCode errorCode, ObjectNode body) {
        this(report, errorCode, body, errorCode != null && errorCode.retryable());
    }

    /** A success for {@code /result}: {@code {"result": ..., "metrics": ...}}. */
    public static JobOutcome success(ObjectNode result, ObjectNode metrics) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("result", result);
        body.set("metrics", metrics);
        return new JobOutcome(Report.RESULT, null, body);
    }

    /**
     * A failure for {@code /fail}. The code also starts the message, because the coordinator keeps only the message.
     */
    public static JobOutcome failure(ErrorCode code, String message, ObjectNode metrics) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error_code", code.name());
        body.put("error_message", code.name() + ": " + message);
        body.set("metrics", metrics);
        return new JobOutcome(Report.FAIL, code, body);
    }

    /** A failure without metrics. */
    public static JobOutcome failure(ErrorCode code, String message) {
        return failure(code, message, JsonNodeFactory.instance.objectNode());
    }

    /**
     * This failure, reported at once although its code is usually retried (a fetch the policy refused, or a 4xx
     * answer: running the job again would end the same way).
     */
    public JobOutcome permanent() {
        return new JobOutcome(report, errorCode, body, false);
    }
}
