package io.aitbc.miner.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/chaos [jobs] [seed] [kills]}: the chaos scenario at any size; prints the figures, exits 1 on a lost or double job
 * or lasting totals that differ from the simulator's.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws IOException {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        int kills = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path work = Files.createTempDirectory("aitbc-chaos-");
        System.out.println("Chaos run: " + jobs + " jobs, seed " + seed + ", agent log " + work.resolve("agent.log"));
        ChaosReport report = new Chaos(jobs, kills, work, System.out, seed).run();
        System.out.println("CHAOS " + report);
        System.exit(report.lost() == 0 && report.duplicated() == 0 && report.extraReceipts() == 0
                && report.agentTotals().equals(report.simulatorTotals()) ? 0 : 1);
    }
}
