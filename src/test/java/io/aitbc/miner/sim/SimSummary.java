package io.aitbc.miner.sim;

import java.util.List;
import java.util.Map;

/**
 * Counts for the demo and the tests.
 *
 * @param states jobs per state (as reads show them)
 * @param multiReportJobs ids of jobs that received more than one {@code /result} or {@code /fail}
 * @param reports all reports received
 * @param receipts receipts issued
 */
public record SimSummary(Map<SimJobState, Integer> states, List<String> multiReportJobs, int reports, int receipts) {
}
