package io.aitbc.miner.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.Endpoint;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimulatorOptions;
import io.aitbc.miner.testing.AgentProcess;
import io.aitbc.miner.testing.RedisServer;
import io.vertx.core.json.JsonObject;

/** SIGTERM drains the packaged agent (D25): running jobs finish or stay in Redis, DELETE, exit 0; a second TERM is 143. */
class DrainIT {

    private static final String MODEL = "llama3.2:3b";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RedisServer redis;
    private static CoordinatorSimulator sim;
    private static FakeOllama ollama;

    @TempDir
    Path dir;

    @BeforeAll
    static void infrastructure() {
        redis = RedisServer.start();
        sim = CoordinatorSimulator.start(SimulatorOptions.builder().signing(false).rateLimits(false).build());
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(MODEL).tokens(8));
    }

    @AfterAll
    static void stop() {
        ollama.close();
        sim.close();
        redis.close();
    }

    @Test
    void runningJobFinishesAndIsReportedThenTheAgentDeregistersAndExitsZero() {
        ollama.options().generationTime(Duration.ofSeconds(4));
        try (AgentProcess agent = start("drain-finish", "30s")) {
            String id = runningJob("finish me");
            Instant term = Instant.now();
            agent.terminate();

            assertThat(agent.waitFor(Duration.ofSeconds(30))).as(agent.output()).isZero();
            SimJob job = sim.job(id).orElseThrow();
            assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
            assertThat(job.reports()).hasSize(1);
            assertThat(sim.requests()).anyMatch(r -> r.endpoint() == Endpoint.HEARTBEAT && r.at().isAfter(term)
                    && "drain-finish".equals(r.minerId()));
            assertThat(sim.requests()).anyMatch(r -> r.endpoint() == Endpoint.DEREGISTER && r.status() == 200
                    && "drain-finish".equals(r.minerId()));
        }
    }

    @Test
    void jobLongerThanTheTimeoutStaysInRedisAndTheNextStartReportsIt() {
        ollama.options().generationTime(Duration.ofSeconds(30));
        String id;
        try (AgentProcess agent = start("drain-timeout", "2s")) {
            id = runningJob("outlive the drain");
            agent.terminate();
            assertThat(agent.waitFor(Duration.ofSeconds(20))).as(agent.output()).isZero();
            assertThat(agent.output()).contains("Drain timeout passed");
        }
        assertThat(sim.job(id).orElseThrow().reports()).isEmpty();
        assertThat(redis.command("HGET", "miner:{drain-timeout}:job:" + id, "state")).isIn("$7", "$5");

        ollama.options().generationTime(Duration.ofMillis(200));
        try (AgentProcess again = start("drain-timeout", "30s")) {
            await().atMost(WAIT).until(() -> sim.job(id).map(j -> !j.reports().isEmpty()).orElse(false));
            assertThat(sim.job(id).orElseThrow().reports()).as(again.output()).hasSize(1);
        }
    }

    @Test
    void secondSignalStopsAtOnceWithStatus143AndKeepsTheJobInRedis() {
        ollama.options().generationTime(Duration.ofSeconds(30));
        try (AgentProcess agent = start("drain-twice", "60s")) {
            String id = runningJob("interrupted twice");
            agent.terminate();
            await().atMost(WAIT).until(() -> agent.output().contains("draining (a second signal stops at once)"));
            agent.terminate();

            assertThat(agent.waitFor(Duration.ofSeconds(10))).as(agent.output()).isEqualTo(143);
            assertThat(redis.command("HGET", "miner:{drain-twice}:job:" + id, "state")).isEqualTo("$7");
        }
    }

    private AgentProcess start(String minerId, String drainTimeout) {
        Map<String, String> env = OpsHarness.env(minerId, redis, sim, ollama, dir);
        env.put("MINER_API_KEY", SimulatorOptions.DEFAULT_API_KEY);
        env.put("MINER_DRAIN_TIMEOUT", drainTimeout);
        env.put("MINER_INFERENCE_SLOTS", "1");
        AgentProcess agent = AgentProcess.start(env, dir.resolve(minerId + ".log"));
        await().atMost(WAIT).until(() -> sim.miner(minerId).isPresent());
        return agent;
    }

    /** Submits a job and waits until the fake Ollama is generating it. */
    private String runningJob(String prompt) {
        int before = ollama.requests().size();
        String id = sim.submit(new JsonObject().put("type", "inference").put("model", MODEL).put("prompt", prompt));
        await().atMost(WAIT).until(() -> ollama.requests().size() > before);
        return id;
    }
}
