package io.aitbc.miner.demo;

import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;

/**
 * How one demo job must end: exactly one report, of the right kind, with the right error code.
 *
 * @param label what the job is, for the table
 * @param jobId the simulator's job id
 * @param state the final state expected
 * @param errorCode the error code expected at the start of the failure message, or null
 */
record Expectation(String label, String jobId, SimJobState state, String errorCode) {

    static Expectation completed(String label, String jobId) {
        return new Expectation(label, jobId, SimJobState.COMPLETED, null);
    }

    static Expectation failed(String label, String jobId, String errorCode) {
        return new Expectation(label, jobId, SimJobState.FAILED, errorCode);
    }

    boolean metBy(SimJob job) {
        if (job.state() != state || job.reports().size() != 1) {
            return false;
        }
        SimReport report = job.reports().get(0);
        if (errorCode == null) {
            return report.kind() == SimReport.Kind.RESULT && report.receipt() != null;
        }
        return report.kind() == SimReport.Kind.FAIL && job.error() != null && job.error().startsWith(errorCode + ":");
    }
}
