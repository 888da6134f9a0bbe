package io.aitbc.miner.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.FakeWhisper;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.MediaClips;
import io.aitbc.miner.testing.MediaServer;
import io.aitbc.miner.testing.RedisServer;
import io.vertx.core.json.JsonObject;

/**
 * The newcomer's demo ({@code bin/demo}): a real Redis with AOF, the coordinator simulator with signed receipts, the
 * fake Ollama, a fake aitbc-whisper service, a media server with a generated clip (when ffmpeg is installed) and the
 * packaged agent as its own process, all on free ports; a mix of jobs; a table of job → state → receipt price. It exits 0 only
 * if every job ended as expected, and stops everything it started (D37).
 */
public final class Demo {

    static final String MODEL = "llama3.2:3b";
    static final Duration GENERATION = Duration.ofMillis(400);
    private static final boolean FFMPEG = MediaClips.ffmpegInstalled();

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        boolean ok = new Demo(System.out).run(Files.createTempDirectory("aitbc-demo-"));
        System.exit(ok ? 0 : 1);
    }

    /** Runs the whole demo in {@code work}; true when every job ended as expected. */
    boolean run(Path work) {
        out.println("Starting redis-server, the coordinator simulator, the fake Ollama and Whisper on free ports...");
        try (RedisServer redis = RedisServer.start();
                CoordinatorSimulator sim = CoordinatorSimulator.start(SimulatorOptions.builder().signing(true).build());
                FakeOllama ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(MODEL)
                        .generationTime(GENERATION).tokens(48));
                FakeWhisper whisper = FakeWhisper.start(FakeWhisper.Api.AITBC);
                MediaServer media = MediaServer.start().file("/clip.mp4", FFMPEG ? MediaClips.clip(2) : new byte[1])) {
            out.println("Starting the agent (log: " + work.resolve("agent.log") + ")");
            Map<String, String> env = agentEnv(redis, sim, ollama, work);
            env.put("MINER_WHISPER_URL", whisper.url());
            env.put("MINER_MEDIA_ALLOW_PRIVATE", "true");
            try (AgentProcess agent = AgentProcess.start(env, work.resolve("agent.log"))) {
                List<Expectation> jobs = submit(sim, media);
                boolean finished = awaitEnd(sim, jobs);
                boolean ok = finished && report(sim, jobs);
                printBenchmarks(sim);
                agent.terminate();
                out.println(ok ? "DEMO OK: every job ended as expected." : "DEMO FAILED: see the table and " + work);
                return ok;
            }
        }
    }

    private List<Expectation> submit(CoordinatorSimulator sim, MediaServer media) {
        List<Expectation> jobs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            JsonObject payload = new JsonObject().put("type", "inference").put("model", MODEL)
                    .put("prompt", "Say hello number " + i);
            jobs.add(Expectation.completed("inference ok #" + i, sim.submit(payload)));
        }
        jobs.add(Expectation.failed("unknown model", sim.submit(new JsonObject().put("type", "inference")
                .put("model", "no-such-model:7b").put("prompt", "hi")), "E_MODEL"));
        jobs.add(Expectation.failed("inference without prompt",
                sim.submit(new JsonObject().put("type", "inference").put("model", MODEL)), "E_BADJOB"));
        jobs.add(Expectation.failed("unknown type", sim.submit(new JsonObject().put("type", "teleport")),
                "E_UNSUPPORTED"));
        jobs.add(Expectation.completed("transcribe", sim.submit(new JsonObject().put("type", "transcribe")
                .put("url", media.url("/clip.mp4")))));
        String reencode = sim.submit(new JsonObject().put("type", "reencode").put("url", media.url("/clip.mp4"))
                .put("output_format", "mp3"));
        jobs.add(FFMPEG ? Expectation.completed("reencode to mp3", reencode)
                : Expectation.failed("reencode (no ffmpeg here)", reencode, "E_UNSUPPORTED"));
        jobs.add(Expectation.failed("reencode of a local file", sim.submit(new JsonObject().put("type", "reencode")
                .put("url", "file:///etc/passwd")), FFMPEG ? "E_FETCH" : "E_UNSUPPORTED"));
        out.println("Submitted " + jobs.size() + " jobs to the coordinator simulator.");
        return jobs;
    }

    /** The measured capabilities the agent registered with (D41): what it found, not what it claims. */
    private void printBenchmarks(CoordinatorSimulator sim) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.miner("demo-node")
                    .map(miner -> miner.capabilities().path("benchmarks").has(MODEL)).orElse(false));
            out.println("Measured capabilities (capabilities.benchmarks): "
                    + sim.miner("demo-node").orElseThrow().capabilities().path("benchmarks"));
        } catch (ConditionTimeoutException e) {
            out.println("No benchmarks were registered within 30 s.");
        }
    }

    private boolean awaitEnd(CoordinatorSimulator sim, List<Expectation> jobs) {
        try {
            Awaitility.await("every job reported").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jobs.stream().allMatch(j -> ended(sim, j.jobId())));
            return true;
        } catch (ConditionTimeoutException e) {
            out.println("Not every job was reported within 90 s.");
            return false;
        }
    }

    private static boolean ended(CoordinatorSimulator sim, String jobId) {
        return sim.job(jobId).map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED)
                .orElse(false);
    }

    private boolean report(CoordinatorSimulator sim, List<Expectation> jobs) {
        out.printf("%n%-28s %-34s %-10s %-7s %-12s %-8s %s%n", "job", "id", "state", "reports", "receipt price",
                "expected", "error");
        boolean ok = true;
        for (Expectation expected : jobs) {
            SimJob job = sim.job(expected.jobId()).orElseThrow();
            boolean met = expected.metBy(job);
            ok &= met;
            String price = job.reports().stream().filter(r -> r.receipt() != null).map(r -> r.receipt().path("price").asText())
                    .findFirst().orElse("-");
            out.printf("%-28s %-34s %-10s %-7d %-12s %-8s %s%n", expected.label(), job.id(), job.state(),
                    job.reports().size(), price, met ? "yes" : "NO", job.error() == null ? "" : job.error());
        }
        out.println();
        return ok;
    }

    private static Map<String, String> agentEnv(RedisServer redis, CoordinatorSimulator sim, FakeOllama ollama,
            Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("MINER_ID", "demo-node");
        env.put("MINER_API_KEY", SimulatorOptions.DEFAULT_API_KEY);
        env.put("MINER_COORDINATOR_URL", sim.apiBase());
        env.put("MINER_COORDINATOR_RECEIPT_KEY", sim.publicKeyBase64Url());
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("MINER_OLLAMA_URL", ollama.url());
        env.put("MINER_POLL_INTERVAL", "500ms");
        env.put("MINER_HEARTBEAT_INTERVAL", "5s");
        env.put("MINER_INFERENCE_SLOTS", "2");
        env.put("MINER_WORKSPACE_DIR", work.resolve("jobs").toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(RedisServer.freePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(RedisServer.freePort()));
        return env;
    }
}
