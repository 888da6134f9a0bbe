package io.aitbc.miner.chaos;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;
import io.aitbc.miner.testing.RedisServer;

/**
 * The lasting totals (D45) after a chaos run, as the agent kept them in Redis and as the simulator counts them from
 * its own records: results, failures, billed milliseconds (the receipts' units) and earnings in millionths (the
 * receipts' price).
 *
 * @param results jobs completed
 * @param failures jobs failed
 * @param billedMs milliseconds billed
 * @param earnedMicro earnings in millionths
 */
public record ChaosTotals(long results, long failures, long billedMs, long earnedMicro) {

    /** Sums the totals fields whose name matches a Lua pattern; one integer reply. */
    private static final String SUM = """
            local sum = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if string.find(all[i], ARGV[1]) then sum = sum + tonumber(all[i + 1]) end
            end
            return sum
            """;

    /** The job hash's state, report and report reason as one status reply ({@code -} for a missing field). */
    private static final String FIELDS = """
            local f = redis.call('HMGET', KEYS[1], 'state', 'report', 'report_reason')
            for i = 1, 3 do if not f[i] then f[i] = '-' end end
            return {ok = table.concat(f, '/')}
            """;

    /** What the agent counted in Redis for {@code minerId}. */
    static ChaosTotals agent(RedisServer redis, String minerId) {
        String key = "miner:{" + minerId + "}:totals";
        return new ChaosTotals(sum(redis, key, "^jobs:.*:result:"), sum(redis, key, "^jobs:.*:fail:"),
                sum(redis, key, "^billed_ms:"), sum(redis, key, "^earnings_micro:"));
    }

    /** Receipts the agent kept (the others' price came from the coordinator's rule: their answers were lost). */
    static long receiptsKept(RedisServer redis, String minerId) {
        return sum(redis, "miner:{" + minerId + "}:totals", "^receipts:");
    }

    /** What the simulator recorded for {@code ids}. */
    static ChaosTotals simulator(CoordinatorSimulator sim, List<String> ids) {
        List<SimJob> jobs = ids.stream().map(id -> sim.job(id).orElseThrow()).toList();
        List<SimReport> receipts = jobs.stream().flatMap(j -> j.reports().stream())
                .filter(r -> r.kind() == SimReport.Kind.RESULT && r.receiptJson() != null).toList();
        return new ChaosTotals(jobs.stream().filter(j -> j.state() == SimJobState.COMPLETED).count(),
                jobs.stream().filter(j -> j.state() == SimJobState.FAILED).count(),
                receipts.stream().mapToLong(r -> Math.round(r.receipt().path("units").asDouble() * 1000)).sum(),
                receipts.stream().mapToLong(r -> r.receipt().path("price").decimalValue()
                        .setScale(6, RoundingMode.HALF_EVEN).movePointRight(6).longValue()).sum());
    }

    /**
     * The jobs the simulator completed that the agent did not count as a result, each with the state, report and
     * reason its hash holds: what to look up in the agent's log when the totals differ.
     */
    static List<String> uncountedResults(RedisServer redis, CoordinatorSimulator sim, List<String> ids) {
        return ids.stream().filter(id -> sim.job(id).orElseThrow().state() == SimJobState.COMPLETED)
                .map(id -> id + " " + redis.command("EVAL", FIELDS, "1", "miner:{" + Chaos.MINER_ID + "}:job:" + id))
                .filter(line -> !line.endsWith("+done/RESULT/reported") && !line.endsWith("+done/RESULT/reconciled"))
                .toList();
    }

    private static long sum(RedisServer redis, String key, String pattern) {
        String reply = redis.command("EVAL", SUM, "1", key, pattern);
        if (!reply.startsWith(":")) {
            throw new IllegalStateException("Redis answered " + reply);
        }
        return Long.parseLong(reply.substring(1));
    }

    @Override
    public String toString() {
        return "results=%d failures=%d billed=%.3fs earned=%s".formatted(results, failures, billedMs / 1000.0,
                BigDecimal.valueOf(earnedMicro, 6).toPlainString());
    }
}
