package io.aitbc.miner.runner.process;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.RawOutcome;

/**
 * A sandboxed job's ({@code cli}, {@code python}, {@code reencode}) failure before it becomes an outcome.
 *
 * @param code the error code
 * @param message what went wrong, without the code
 */
public record Refusal(ErrorCode code, String message) {

    /** The job's failure. */
    public JobOutcome outcome() {
        return JobOutcome.failure(code, message);
    }

    /** The failure of a job whose process never ran: nothing is billed. */
    RawOutcome unmeasured() {
        return RawOutcome.unmeasured(outcome());
    }
}
