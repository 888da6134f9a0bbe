package io.aitbc.miner.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every polled job is reported exactly once through agent kills, Redis restarts and coordinator faults (issue 4), and
 * the lasting totals the agent kept in Redis equal the simulator's counts (jobs, billed time, earnings; D45). The
 * job count is {@code -Dchaos.jobs} (1,000 by default); {@code bin/chaos 10000} runs the long version.
 */
class ChaosIT {

    @TempDir
    Path work;

    @Test
    void everyJobIsReportedExactlyOnce() {
        int jobs = Integer.getInteger("chaos.jobs", 1000);
        ChaosReport report = new Chaos(jobs, Integer.getInteger("chaos.kills", 10), work, System.out,
                Long.getLong("chaos.seed", 20261125L)).run();
        System.out.println("CHAOS " + report);

        assertThat(report.lost()).as("jobs never reported").isZero();
        assertThat(report.duplicated()).as("jobs reported twice").isZero();
        assertThat(report.extraReceipts()).as("second receipts").isZero();
        assertThat(report.kills()).as("agent kills").isGreaterThanOrEqualTo(3);
        assertThat(report.agentTotals()).as("lasting totals (D45) against the simulator's records")
                .isEqualTo(report.simulatorTotals());
    }
}
