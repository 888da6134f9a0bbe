package io.aitbc.miner.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;

/**
 * A sandboxed job's ({@code cli}, {@code python}, {@code reencode}) failure before it becomes an outcome.
 *
 * @param code the error code
 * @param message what went wrong, without the code
 */
public record Refusal(ErrorCode code, String message) {

    /** The job's failure, with its billing metrics. */
    public JobOutcome outcome(ObjectNode metrics) {
        return JobOutcome.failure(code, message, metrics);
    }

    JobOutcome outcome() {
        return outcome(JsonNodeFactory.instance.objectNode());
    }
}
