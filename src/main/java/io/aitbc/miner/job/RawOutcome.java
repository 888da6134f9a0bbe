package io.aitbc.miner.job;

import java.time.Duration;
import java.util.Optional;

/**
 * What a runner returns: the job's report before the result rules apply (the billing metrics of D20, billing keys
 * stripped, the size cap of D7), with what the runner measured. The pipeline applies those rules once.
 *
 * @param outcome the report as the runner built it; its {@code metrics} hold only what the runner adds (the GPUs of
 *        an inference), never a billing key
 * @param measured the runner's wall time of the work itself on a monotonic clock, which is billed; empty when no work
 *        was done (a refusal, a failed call), and then no billing metrics are added
 * @param firstToken for an inference, the time from sending the request to the first streamed chunk
 */
public record RawOutcome(JobOutcome outcome, Optional<Duration> measured, Optional<Duration> firstToken) {

    /** An outcome after work that took {@code took}. */
    public static RawOutcome measured(JobOutcome outcome, Duration took) {
        return new RawOutcome(outcome, Optional.of(took), Optional.empty());
    }

    /** An outcome without billable work: a refusal or a failure before the work ran. */
    public static RawOutcome unmeasured(JobOutcome outcome) {
        return new RawOutcome(outcome, Optional.empty(), Optional.empty());
    }

    /** The same outcome, with the time to the first streamed chunk. */
    public RawOutcome withFirstToken(Duration firstChunk) {
        return new RawOutcome(outcome, measured, Optional.of(firstChunk));
    }
}
