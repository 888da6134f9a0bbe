package io.aitbc.miner.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.FakeOpenAi;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.RedisServer;
import io.vertx.core.json.JsonObject;

/**
 * One benchmark run: a real Redis (AOF everysec), the simulator with rate limits and signing off, a zero-latency fake
 * Ollama, a zero-latency fake OpenAI-compatible server (the second backend) and the packaged agent with the production JVM
 * options and {@code -Xmx64m}, all on this machine (D36). Each
 * method measures one figure.
 */
final class BenchRun implements AutoCloseable {

    static final String MODEL = "llama3.2:3b";
    /** The model the fake OpenAI-compatible server serves, the agent's second backend (D40). */
    static final String SERVED_MODEL = "bench/served-model";
    /** The JVM options of {@code Dockerfile.jvm} and the systemd unit, with the 64 MiB heap of D36. */
    static final List<String> AGENT_JVM_OPTIONS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final RedisServer redis = RedisServer.start();
    private final CoordinatorSimulator sim = CoordinatorSimulator
            .start(SimulatorOptions.builder().signing(false).rateLimits(false).build());
    private final FakeOllama ollama = FakeOllama
            .start(FakeOllamaOptions.defaults().models(MODEL).generationTime(Duration.ZERO).tokens(1)
                    .loadDuration(Duration.ZERO));
    private final FakeOpenAi openai = FakeOpenAi.start().models(SERVED_MODEL).generationTime(Duration.ZERO).tokens(1)
            .maxModelLen(Integer.MAX_VALUE / 2);
    private final AgentProcess agent;
    private final Instant launched;
    private int submitted;

    BenchRun(int slots, Path work) {
        launched = Instant.now();
        List<String> options = new ArrayList<>(AGENT_JVM_OPTIONS);
        String extra = System.getProperty("bench.agentOptions", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        agent = AgentProcess.start(env(slots, work), work.resolve("agent-" + slots + ".log"),
                options.toArray(String[]::new));
    }

    /** Milliseconds from process launch to the coordinator accepting the registration. */
    double readyMillis() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> sim
                .requests().stream().anyMatch(r -> r.endpoint() == Endpoint.REGISTER && r.status() == 200));
        Instant registered = sim.requests().stream().filter(r -> r.endpoint() == Endpoint.REGISTER).findFirst()
                .orElseThrow().at();
        return Duration.between(launched, registered).toNanos() / 1e6;
    }

    /**
     * Coordinator calls the agent gave up on at the 10 s call timeout so far, from its log. The simulator here never
     * delays an answer, so every one is a transport defect (a hung call handled as ambiguous).
     */
    long callsGivenUp() {
        return agent.output().lines().filter(line -> line.contains("got no answer: TimeoutException")).count();
    }

    double rssMib() {
        return RssSampler.rssMib(agent.pid());
    }

    /** CPU time the agent process has used so far (user and system, all threads). */
    Duration agentCpu() {
        return ProcessHandle.of(agent.pid()).flatMap(p -> p.info().totalCpuDuration()).orElseThrow();
    }

    long pid() {
        return agent.pid();
    }

    int redisPort() {
        return redis.port();
    }

    /** Submits {@code count} jobs at once and waits until every one is reported; answers them. */
    List<SimJob> runBatch(int count) {
        int done = sim.count(SimJobState.COMPLETED) + count;
        List<String> ids = IntStream.range(0, count).mapToObj(i -> sim.submit(job())).toList();
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> sim.count(SimJobState.COMPLETED) >= done);
        return ids.stream().map(id -> sim.job(id).orElseThrow()).toList();
    }

    /** Milliseconds from the poll that assigned each job to the runner's request to Ollama. */
    List<Double> pickupMillis(List<SimJob> jobs) {
        Map<String, Instant> started = new HashMap<>();
        ollama.requests().forEach(r -> started.put(r.prompt(), r.at()));
        List<Double> samples = new ArrayList<>();
        for (SimJob job : jobs) {
            Instant start = started.get(job.payload().path("prompt").asText());
            samples.add(Duration.between(job.assignedAt(), start).toNanos() / 1e6);
        }
        return samples;
    }

    /** Milliseconds each job spent in the agent beyond its runner: poll answer → report, less {@code duration_ms}. */
    static List<Double> overheadMillis(List<SimJob> jobs) {
        return jobs.stream().map(job -> {
            var report = job.reports().get(0);
            double total = Duration.between(job.assignedAt(), report.at()).toNanos() / 1e6;
            return total - report.body().path("metrics").path("duration_ms").asDouble();
        }).toList();
    }

    /**
     * Milliseconds from submission to runner start for single jobs sent to an idle agent at random moments: bounded by
     * the poll interval, since the coordinator has no long poll.
     */
    List<Double> idlePickupMillis(int samples) {
        List<Double> latencies = new ArrayList<>();
        Random random = new Random(samples);
        for (int i = 0; i < samples; i++) {
            Duration pause = Duration.ofMillis(random.nextInt(3_000));
            Awaitility.await().pollDelay(pause).atMost(pause.plusSeconds(1)).until(() -> true);
            SimJob job = runBatch(1).get(0);
            latencies.add(pickupFromSubmission(job));
        }
        return latencies;
    }

    /** Tokens per second the agent passes through for one long generation from the fake Ollama. */
    double passthroughTokensPerSecond(int tokens) {
        ollama.options().tokens(tokens);
        SimJob job = runOne(job());
        ollama.options().tokens(1);
        return tokensPerSecond(job);
    }

    /** The same for one long generation streamed as server-sent events by the fake OpenAI-compatible server. */
    double openAiPassthroughTokensPerSecond(int tokens) {
        openai.tokens(tokens);
        SimJob job = runOne(new JsonObject().put("type", "inference").put("model", SERVED_MODEL)
                .put("prompt", "bench " + submitted++).put("options", new JsonObject().put("num_predict", tokens)));
        openai.tokens(1);
        return tokensPerSecond(job);
    }

    private SimJob runOne(JsonObject payload) {
        String id = sim.submit(payload);
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> sim.job(id)
                .map(job -> job.state() == SimJobState.COMPLETED || job.state() == SimJobState.FAILED).orElse(false));
        SimJob job = sim.job(id).orElseThrow();
        if (job.state() != SimJobState.COMPLETED) {
            throw new IllegalStateException("passthrough job failed: " + job.error());
        }
        return job;
    }

    private static double tokensPerSecond(SimJob job) {
        var result = job.reports().get(0).body();
        return result.path("result").path("tokens_processed").asDouble()
                / (result.path("metrics").path("duration_ms").asDouble() / 1000.0);
    }

    private double pickupFromSubmission(SimJob job) {
        Instant start = ollama.requests().stream().filter(r -> r.prompt().equals(job.payload().path("prompt").asText()))
                .findFirst().orElseThrow().at();
        return Duration.between(job.requestedAt(), start).toNanos() / 1e6;
    }

    private JsonObject job() {
        return new JsonObject().put("type", "inference").put("model", MODEL).put("prompt", "bench " + submitted++);
    }

    private Map<String, String> env(int slots, Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("MINER_ID", "bench-node");
        env.put("MINER_API_KEY", SimulatorOptions.DEFAULT_API_KEY);
        env.put("MINER_COORDINATOR_URL", sim.apiBase());
        env.put("MINER_COORDINATOR_RATE_LIMIT_ENABLED", "false");
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("MINER_OLLAMA_URL", ollama.url());
        env.put("MINER_INFERENCE_BACKEND", "ollama,openai");
        env.put("MINER_OPENAI_URL", openai.url());
        env.put("MINER_INFERENCE_SLOTS", Integer.toString(slots));
        env.put("MINER_WORKSPACE_DIR", work.resolve("jobs").toString());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        return env;
    }

    @Override
    public void close() {
        agent.close();
        ollama.close();
        openai.close();
        sim.close();
        redis.close();
    }
}
