package io.aitbc.miner.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.awaitility.Awaitility;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.RedisServer;
import io.vertx.core.json.JsonObject;

/**
 * The chaos scenario: the packaged agent as a real process against the simulator and a real {@code redis-server}
 * with AOF, killed with SIGKILL at random moments, Redis killed and restarted, the coordinator failing with 5xx,
 * answering late, rate-limiting in bursts and losing answers after applying the call. Afterwards it counts, from the
 * simulator's own records, jobs never reported and jobs reported more than once. Used by {@code ChaosIT} (CI) and
 * {@code bin/chaos} (any number of jobs).
 */
public final class Chaos {

    static final String MODEL = "llama3.2:3b";
    static final String MINER_ID = "chaos-node";

    private final int jobs;
    private final int kills;
    private final Path work;
    private final PrintStream out;
    private final Random random;

    /**
     * @param jobs how many jobs to submit
     * @param kills how many times at most the agent is killed before a last, undisturbed run finishes the work
     */
    public Chaos(int jobs, int kills, Path work, PrintStream out, long seed) {
        this.jobs = jobs;
        this.kills = kills;
        this.work = work;
        this.out = out;
        this.random = new Random(seed);
    }

    /** Runs the scenario and answers what the simulator saw. */
    public ChaosReport run() {
        try (RedisServer redis = RedisServer.start();
                CoordinatorSimulator sim = CoordinatorSimulator.start(SimulatorOptions.builder().signing(true)
                        .rateLimits(false).build());
                FakeOllama ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(MODEL)
                        .generationTime(Duration.ofMillis(20)).tokens(8))) {
            List<String> ids = submit(sim);
            Instant start = Instant.now();
            ChaosMonkey monkey = new ChaosMonkey(sim, redis, random);
            List<Duration> recoveries = new ArrayList<>();
            int round = 0;
            while (!allEnded(sim, ids) && round < kills) {
                round++;
                try (AgentProcess agent = AgentProcess.start(env(redis, sim, ollama), work.resolve("agent.log"),
                        "-Xmx256m")) {
                    recoveries.add(firstReportAfter(sim, Instant.now()));
                    monkey.strike(round);
                    pause(Duration.ofMillis(1_500 + random.nextInt(2_500)));
                    agent.kill();
                }
                sim.faults().clear();
            }
            try (AgentProcess agent = AgentProcess.start(env(redis, sim, ollama), work.resolve("agent.log"))) {
                Awaitility.await("every job reported").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250)).until(() -> allEnded(sim, ids));
                awaitSettled(redis);
                agent.terminate();
            }
            out.println("Receipts kept by the agent: " + ChaosTotals.receiptsKept(redis, MINER_ID));
            ChaosTotals.uncountedResults(redis, sim, ids).forEach(job -> out.println("Not counted as a result: " + job));
            return ChaosReport.of(sim, ids, Duration.between(start, Instant.now()), round, recoveries)
                    .withTotals(ChaosTotals.agent(redis, MINER_ID), ChaosTotals.simulator(sim, ids));
        }
    }

    private List<String> submit(CoordinatorSimulator sim) {
        List<String> ids = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            String model = i % 20 == 7 ? "missing-model:1b" : MODEL;
            ids.add(sim.submit(new JsonObject().put("type", "inference").put("model", model).put("prompt", "job " + i)));
        }
        out.println("Submitted " + jobs + " jobs");
        return ids;
    }

    private Duration firstReportAfter(CoordinatorSimulator sim, Instant started) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sim.jobs().stream().flatMap(j -> j.reports().stream())
                            .anyMatch(r -> r.at().isAfter(started)) || allEnded(sim, List.of()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            out.println("No report within 30 s of a start");
        }
        return Duration.between(started, Instant.now());
    }

    /**
     * Waits until the agent has settled every outbox entry: a report whose answer a fault lost is counted in the
     * lasting totals only when reconciliation settles it (two RUNNING listings apart), which can come after the
     * simulator has seen the last report.
     */
    private void awaitSettled(RedisServer redis) {
        String outbox = "miner:{" + MINER_ID + "}:outbox";
        out.println("Outbox entries still to settle when the simulator had every report: "
                + redis.command("ZCARD", outbox).substring(1));
        Awaitility.await("every outbox entry settled").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).until(() -> redis.command("ZCARD", outbox).equals(":0"));
    }

    static boolean allEnded(CoordinatorSimulator sim, List<String> ids) {
        return !ids.isEmpty() && ids.stream().allMatch(id -> sim.job(id).map(Chaos::ended).orElse(false));
    }

    private static boolean ended(SimJob job) {
        return job.state() == SimJobState.COMPLETED || job.state() == SimJobState.FAILED;
    }

    private static void pause(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    private Map<String, String> env(RedisServer redis, CoordinatorSimulator sim, FakeOllama ollama) {
        Map<String, String> env = new HashMap<>();
        env.put("MINER_ID", MINER_ID);
        env.put("MINER_API_KEY", SimulatorOptions.DEFAULT_API_KEY);
        env.put("MINER_COORDINATOR_URL", sim.apiBase());
        env.put("MINER_COORDINATOR_RECEIPT_KEY", sim.publicKeyBase64Url());
        env.put("MINER_COORDINATOR_RATE_LIMIT_ENABLED", "false");
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("MINER_OLLAMA_URL", ollama.url());
        env.put("MINER_POLL_INTERVAL", "200ms");
        env.put("MINER_HEARTBEAT_INTERVAL", "2s");
        env.put("MINER_RECONCILE_DELAY", "3s");
        env.put("MINER_RECONCILE_INTERVAL", "5s");
        env.put("MINER_RETRY_BASE_DELAY", "200ms");
        env.put("MINER_INFERENCE_SLOTS", "8");
        env.put("MINER_WORKSPACE_DIR", work.resolve("jobs").toString());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        return env;
    }
}
