package io.aitbc.miner.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The API key read from {@code MINER_API_KEY_FILE} and the admin token never appear anywhere a run leaves traces: the
 * agent's whole output (DEBUG on), its metrics, health and admin answers, every byte Redis wrote, and everything the
 * coordinator received.
 */
class SecretLeakIT {

    private static final String MODEL = "llama3.2:3b";
    private static final String API_KEY = "canary-key-5b1e9d7c3a";
    private static final String ADMIN_TOKEN = "canary-admin-0f4e2a8d6b";

    @TempDir
    Path dir;

    @Test
    void secretsAppearNowhere() throws IOException {
        Path keyFile = Files.writeString(dir.resolve("api-key"), API_KEY + "\n");
        try (RedisServer redis = RedisServer.start();
                CoordinatorSimulator sim = CoordinatorSimulator.start(
                        SimulatorOptions.builder().apiKeys(API_KEY).signing(true).rateLimits(false).build());
                FakeOllama ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(MODEL).tokens(8))) {
            Map<String, String> env = OpsHarness.env("leak-test", redis, sim, ollama, dir);
            env.put("MINER_API_KEY_FILE", keyFile.toString());
            env.put("MINER_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("QUARKUS_LOG_CATEGORY__IO_AITBC_MINER__LEVEL", "DEBUG");
            List<String> traces = new ArrayList<>();
            try (AgentProcess agent = AgentProcess.start(env, dir.resolve("agent.log"))) {
                List<String> ids = runJobs(sim);
                String management = "http://127.0.0.1:" + env.get("QUARKUS_MANAGEMENT_PORT");
                String admin = "http://127.0.0.1:" + env.get("QUARKUS_HTTP_PORT") + "/admin";
                traces.add(get(management + "/q/metrics", null));
                traces.add(get(management + "/q/health", null));
                traces.add(get(admin + "/jobs?state=done", ADMIN_TOKEN));
                traces.add(get(admin + "/jobs/" + ids.get(0), ADMIN_TOKEN));
                agent.terminate();
                assertThat(agent.waitFor(Duration.ofSeconds(60))).as(agent.output()).isZero();
                traces.add(agent.output());
                assertThat(agent.output()).as("the run left traces").contains(ids.get(0));
            }
            traces.add(redisFiles(redis));
            sim.jobs().forEach(job -> job.reports().forEach(r -> traces.add(r.body() + " " + r.receiptJson())));
            sim.miner("leak-test").ifPresent(m -> traces.add(m.capabilities().toString()));

            assertThat(traces).allSatisfy(text -> assertThat(text).doesNotContain(API_KEY).doesNotContain(ADMIN_TOKEN));
        }
    }

    private static List<String> runJobs(CoordinatorSimulator sim) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.miner("leak-test").isPresent());
        List<String> ids = List.of(
                sim.submit(new JsonObject().put("type", "inference").put("model", MODEL).put("prompt", "hello")),
                sim.submit(new JsonObject().put("type", "inference").put("model", "absent:1b").put("prompt", "hi")),
                sim.submit(new JsonObject().put("type", "teleport")));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> sim.job(id).map(SimJob::state)
                .filter(s -> s == SimJobState.COMPLETED || s == SimJobState.FAILED).isPresent()));
        return ids;
    }

    /** Every file in Redis's data folder: the append-only file holds every write, the log the rest. */
    private static String redisFiles(RedisServer redis) throws IOException {
        Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "CONFIG", "GET", "dir")
                .redirectErrorStream(true).start();
        List<String> answer = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        Path data = Path.of(answer.get(1));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(f -> all.append(read(f)));
        }
        assertThat(all).as("Redis wrote the jobs").contains("leak-test");
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isLessThan(500);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
