package io.aitbc.miner.job;

/**
 * A CDI event: a job's upload is settled and the job is in {@code done}; it no longer counts as held.
 *
 * @param jobId the job
 * @param report the endpoint its report went to
 * @param reason {@link #REPORTED} when the coordinator took the report, {@link #JOB_NOT_FOUND} when it no longer
 *        knew the job
 */
public record JobReported(String jobId, JobOutcome.Report report, String reason) {

    /** The coordinator accepted the report. */
    public static final String REPORTED = "reported";
    /** The coordinator answered 404: done without a report. */
    public static final String JOB_NOT_FOUND = "job_not_found";

    /** Whether a {@code /fail} was accepted, which leaves the coordinator's {@code inflight} as it was. */
    public boolean failureAccepted() {
        return report == JobOutcome.Report.FAIL && REPORTED.equals(reason);
    }
}
