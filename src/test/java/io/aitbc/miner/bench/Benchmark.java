package io.aitbc.miner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aitbc.miner.sim.SimJob;

/**
 * {@code bench/run}: the figures of issue 8 and the idle cost of issue 12, each as min / median / max over several runs,
 * written to
 * {@code bench/results.md} with the machine and the command. Throughput runs sign nothing and verify nothing (D36).
 */
public final class Benchmark {

    static final int[] SLOTS = Arrays.stream(System.getProperty("bench.slots", "1,4,16").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /** How long the idle agent is watched for the idle figures ({@link IdleCost}). */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(Long.getLong("bench.idleSeconds", 60));

    /** {@code BENCH_ONLY=passthrough}: only the two passthrough figures, Ollama's and the OpenAI-compatible one's. */
    static final boolean PASSTHROUGH_ONLY = "passthrough".equals(System.getProperty("bench.only", ""));

    private final int runs;
    private final int jobs;
    private final Path work;
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();

    Benchmark(int runs, int jobs, Path work) {
        this.runs = runs;
        this.jobs = jobs;
        this.work = work;
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/results.md");
        Benchmark benchmark = new Benchmark(runs, jobs, Files.createTempDirectory("aitbc-bench-"));
        for (int run = 1; run <= runs; run++) {
            System.out.println("Run " + run + " of " + runs);
            benchmark.runOnce();
        }
        String report = BenchReport.markdown(benchmark.figures, runs, jobs, String.join(" ", args));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private void runOnce() {
        if (PASSTHROUGH_ONLY) {
            try (BenchRun run = new BenchRun(4, work)) {
                run.readyMillis();
                recordPassthrough(run);
            }
            return;
        }
        for (int slots : SLOTS) {
            try (BenchRun run = new BenchRun(slots, work)) {
                run.readyMillis();
                run.runBatch(jobs); // JIT warm-up: the figures are for a warm agent
                Duration cpu = run.agentCpu();
                Instant start = Instant.now();
                List<SimJob> batch = run.runBatch(jobs);
                Instant end = batch.stream().map(j -> j.reports().get(0).at()).max(Instant::compareTo).orElseThrow();
                record("throughput, jobs/s, " + slots + " slots", jobs / (Duration.between(start, end).toNanos() / 1e9));
                record("agent CPU per job, ms, " + slots + " slots", run.agentCpu().minus(cpu).toNanos() / 1e6 / jobs);
                record("coordinator calls hung to the 10 s timeout, " + slots + " slots", run.callsGivenUp());
                if (slots == 16) {
                    measureDetails(run, batch);
                }
            }
        }
        try (HarnessCeiling ceiling = new HarnessCeiling(16)) {
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                ceiling.jobsPerSecond(jobs, 16, true);
            }
            record("harness alone (simulator + fake Ollama), jobs/s, 16 loops", ceiling.jobsPerSecond(jobs, 16, true));
            record("simulator alone (poll + /result), jobs/s, 16 loops", ceiling.jobsPerSecond(jobs, 16, false));
        }
        ReceiptCosts receipts = new ReceiptCosts();
        record("Ed25519 receipt signing (coordinator side), µs per operation", receipts.signMicros(5_000));
        record("Ed25519 receipt verification (agent side), µs per operation", receipts.verifyMicros(5_000));
        try (BenchRun run = new BenchRun(4, work)) {
            record("time from start to registered, ms", run.readyMillis());
            record("RSS idle, MiB", run.rssMib());
            try (RssSampler rss = new RssSampler(run.pid()); RedisMonitor monitor = new RedisMonitor(run.redisPort())) {
                long before = monitor.clientCommands();
                run.runBatch(jobs / 4);
                record("Redis round trips per job (client side)",
                        (monitor.clientCommands() - before) / (double) (jobs / 4));
                record("RSS under load (peak), MiB", rss.peakMib());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            record("pickup latency idle p50, ms", Stats.percentile(run.idlePickupMillis(5), 50));
            recordPassthrough(run);
            IdleCost.Figures idle = IdleCost.measure(run, IDLE_WINDOW);
            record("idle Redis commands/s (INFO commandstats)", idle.redisCommandsPerSecond());
            record("idle agent CPU, % of one core", idle.cpuPercentOfOneCore());
        }
    }

    private void recordPassthrough(BenchRun run) {
        record("inference passthrough, tokens/s", run.passthroughTokensPerSecond(200_000));
        record("inference passthrough, openai backend (SSE), tokens/s", run.openAiPassthroughTokensPerSecond(200_000));
    }

    private void measureDetails(BenchRun run, List<SimJob> batch) {
        List<Double> pickup = run.pickupMillis(batch);
        List<Double> overhead = BenchRun.overheadMillis(batch);
        record("pickup latency, jobs waiting, p50 ms", Stats.percentile(pickup, 50));
        record("pickup latency, jobs waiting, p99 ms", Stats.percentile(pickup, 99));
        record("agent overhead per job p50, ms", Stats.percentile(overhead, 50));
        record("agent overhead per job p99, ms", Stats.percentile(overhead, 99));
    }

    private void record(String figure, double value) {
        figures.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
        System.out.printf("  %-45s %.2f%n", figure, value);
    }
}
