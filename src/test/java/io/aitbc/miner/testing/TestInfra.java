package io.aitbc.miner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.FakeOpenAi;
import io.aitbc.miner.sim.FakeWhisper;
import io.aitbc.miner.sim.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts, once for the whole test run (D35), a real {@code redis-server}, the coordinator simulator (signed receipts,
 * rate limits off unless a test turns them on), the fake Ollama, a fake OpenAI-compatible server as the second
 * inference backend (D40; the deep probe only when a test runs it) and a fake aitbc-whisper service, and points the agent
 * at them; media may come from loopback addresses (the tests' media servers). Tests reach them
 * through the static handles to stop Redis, reset the simulator or inject faults.
 */
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    /** The miner id of the agent under test. */
    public static final String MINER_ID = "test-miner";
    /** The model the fake Ollama has installed. */
    public static final String MODEL = "llama3.2:3b";
    /** How long the fake Ollama takes for one generation, from request to the done line. */
    public static final Duration GENERATION = Duration.ofMillis(300);
    /** A second Ollama model, with a tiny configured context ({@code num_ctx} {@value #TINY_CTX}, D41). */
    public static final String TINY_MODEL = "tiny:1b";
    /** The {@code num_ctx} configured for {@link #TINY_MODEL}. */
    public static final int TINY_CTX = 64;
    /** The coordinator's name of the model the fake OpenAI-compatible server serves, and its served name (D40). */
    public static final String OPENAI_MODEL = "qwen3:8b";
    /** The name the fake OpenAI-compatible server serves {@link #OPENAI_MODEL} under. */
    public static final String OPENAI_SERVED = "Qwen/Qwen3-8B";
    /** The fake OpenAI-compatible server's bearer key, given to the agent in a file. */
    public static final String OPENAI_KEY = "sk-test-openai-key";
    /** The admin API's bearer token ({@code MINER_ADMIN_TOKEN}). */
    public static final String ADMIN_TOKEN = "test-admin-token";

    private static RedisServer redis;
    private static CoordinatorSimulator simulator;
    private static FakeOllama ollama;
    private static FakeWhisper whisper;
    private static FakeOpenAi openai;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.start();
        simulator = CoordinatorSimulator.start(SimulatorOptions.builder().signing(true).rateLimits(false).build());
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().models(MODEL, TINY_MODEL).generationTime(GENERATION)
                .tokens(32));
        openai = FakeOpenAi.start().apiKey(Optional.of(OPENAI_KEY));
        whisper = FakeWhisper.start(FakeWhisper.Api.AITBC);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.redis.hosts", redis.url());
        config.put("miner.coordinator.url", simulator.apiBase());
        config.put("miner.coordinator.receipt-key", simulator.publicKeyBase64Url());
        config.put("miner.coordinator.rate-limit-enabled", "false");
        config.put("miner.api-key", SimulatorOptions.DEFAULT_API_KEY);
        config.put("miner.id", MINER_ID);
        config.put("miner.ollama.url", ollama.url());
        config.put("miner.ollama.model-options", "{\"" + TINY_MODEL + "\": {num_ctx: " + TINY_CTX + ", num_gpu: 99}}");
        config.put("miner.inference.backend", "ollama,openai");
        config.put("miner.inference.probe-interval", "1h");
        config.put("miner.inference.probe-timeout", "1s");
        config.put("miner.openai.url", openai.url());
        config.put("miner.openai.api-key-file", secretFile(OPENAI_KEY).toString());
        config.put("miner.model.map", OPENAI_MODEL + "=" + OPENAI_SERVED);
        config.put("miner.poll.interval", "200ms");
        config.put("miner.heartbeat.interval", "1s");
        config.put("miner.inference.slots", "4");
        config.put("miner.workspace.dir", tempDir().toString());
        config.put("miner.nvidia-smi.path", "/nonexistent/nvidia-smi");
        config.put("miner.admin.token", ADMIN_TOKEN);
        config.put("miner.whisper.url", whisper.url());
        config.put("miner.media.allow-private", "true");
        config.putAll(SandboxFixtures.config());
        return config;
    }

    @Override
    public void stop() {
        if (whisper != null) {
            whisper.close();
        }
        if (ollama != null) {
            ollama.close();
        }
        if (openai != null) {
            openai.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The Redis server under the agent. */
    public static RedisServer redis() {
        return redis;
    }

    /** The coordinator simulator the agent talks to. */
    public static CoordinatorSimulator simulator() {
        return simulator;
    }

    /** The fake Whisper service behind the transcribe runner. */
    public static FakeWhisper whisper() {
        return whisper;
    }

    /** The fake Ollama behind the inference runner. */
    public static FakeOllama ollama() {
        return ollama;
    }

    /** The fake OpenAI-compatible server, the agent's second inference backend. */
    public static FakeOpenAi openai() {
        return openai;
    }

    private static Path secretFile(String secret) {
        try {
            Path file = Files.createTempFile("aitbc-openai-key-", ".txt");
            Files.writeString(file, secret + "\n");
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("aitbc-jobs-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
