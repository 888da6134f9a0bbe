package io.aitbc.miner.chaos;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimReport;

/**
 * What the simulator recorded after a chaos run.
 *
 * @param jobs jobs submitted
 * @param lost jobs with no report at all
 * @param duplicated jobs with more than one report
 * @param extraReceipts receipts beyond one per completed job
 * @param elapsed from the first agent start to the last report
 * @param kills agent processes killed with SIGKILL
 * @param worstRecovery longest wait from an agent start to the next report
 * @param offenders the ids of lost and duplicated jobs, to look them up in the agent's log
 * @param agentTotals the lasting totals the agent kept in Redis (D45)
 * @param simulatorTotals the same totals from the simulator's records
 */
public record ChaosReport(int jobs, long lost, long duplicated, long extraReceipts, Duration elapsed, int kills,
        Duration worstRecovery, List<String> offenders, ChaosTotals agentTotals, ChaosTotals simulatorTotals) {

    static ChaosReport of(CoordinatorSimulator sim, List<String> ids, Duration elapsed, int kills,
            List<Duration> recoveries) {
        List<SimJob> all = ids.stream().map(id -> sim.job(id).orElseThrow()).toList();
        long lost = all.stream().filter(j -> j.reports().isEmpty()).count();
        long duplicated = all.stream().filter(j -> j.reports().size() > 1).count();
        long receipts = all.stream().flatMap(j -> j.reports().stream()).filter(r -> r.kind() == SimReport.Kind.RESULT)
                .count();
        long completed = all.stream().filter(j -> j.reports().stream().anyMatch(r -> r.kind() == SimReport.Kind.RESULT))
                .count();
        Duration worst = recoveries.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        List<String> offenders = all.stream().filter(j -> j.reports().size() != 1).map(SimJob::id).toList();
        return new ChaosReport(ids.size(), lost, duplicated, receipts - completed, elapsed, kills, worst, offenders,
                null, null);
    }

    /** This report with the lasting totals of both sides. */
    ChaosReport withTotals(ChaosTotals agent, ChaosTotals simulator) {
        return new ChaosReport(jobs, lost, duplicated, extraReceipts, elapsed, kills, worstRecovery, offenders, agent,
                simulator);
    }

    /** Jobs per second over the whole run, kills and restarts included. */
    public double jobsPerSecond() {
        return jobs / Math.max(0.001, elapsed.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return "jobs=%d lost=%d duplicated=%d extra_receipts=%d elapsed=%.1fs jobs/s=%.1f kills=%d worst_recovery=%.1fs%s"
                .formatted(jobs, lost, duplicated, extraReceipts, elapsed.toMillis() / 1000.0, jobsPerSecond(), kills,
                        worstRecovery.toMillis() / 1000.0, offenders.isEmpty() ? "" : " offenders=" + offenders)
                + "\n  totals in Redis: " + agentTotals + "\n  simulator:       " + simulatorTotals;
    }
}
