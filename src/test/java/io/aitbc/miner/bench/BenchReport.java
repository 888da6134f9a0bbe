package io.aitbc.miner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Formats the figures with the machine they were taken on and the command that reproduces them. */
final class BenchReport {

    private BenchReport() {
    }

    static String markdown(Map<String, List<Double>> figures, int runs, int jobs, String args) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Taken ").append(LocalDate.now()).append(" on ").append(machine()).append(".\n\n");
        md.append("Command: `bench/run ").append(args).append("` (").append(runs).append(" runs, ").append(jobs)
                .append(" jobs per throughput batch, each after a warm-up batch of the same size; agent in JVM mode with `")
                .append(String.join(" ", BenchRun.AGENT_JVM_OPTIONS)).append("`; Redis AOF everysec; simulator ")
                .append("with rate limits and signing off; fake Ollama with zero latency; everything on this machine).\n\n");
        md.append("| figure | min / median / max |\n| --- | --- |\n");
        figures.forEach((name, values) -> md.append("| ").append(name).append(" | ")
                .append(Stats.spread(values, "%.2f")).append(" |\n"));
        return md.toString();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // keep the placeholder
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap of the driver, Java "
                + Runtime.version();
    }
}
