package io.aitbc.miner.runner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.aitbc.miner.inference.BackendHealth;
import io.aitbc.miner.inference.InferenceBackends;
import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.inference.TestInferenceConfig;
import io.aitbc.miner.ollama.OllamaBackend;
import io.aitbc.miner.ollama.OllamaClient;
import io.aitbc.miner.ollama.OllamaConfig;
import io.aitbc.miner.ollama.TestOllamaConfig;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.result.ResultRules;
import io.aitbc.miner.result.ResultSizeCap;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;

/** Hand-made configuration and probe objects for runner tests that construct the classes without Quarkus. */
final class TestConfigs {

    private TestConfigs() {
    }

    static InferenceConfig inference(Duration firstTokenTimeout, Duration idleTimeout) {
        return TestInferenceConfig.of(firstTokenTimeout, idleTimeout);
    }

    /** The backends of a node with only the Ollama at {@code url}. */
    static InferenceBackends ollamaOnly(Vertx vertx, String url, InferenceConfig inference) {
        OllamaConfig config = TestOllamaConfig.of(url);
        return new InferenceBackends(List.of(new OllamaBackend(new OllamaClient(vertx, config), config, inference)),
                new BackendHealth());
    }

    /** The result rules at {@code price} per second, with the default result limit. */
    static ResultRules results(BigDecimal price) {
        return new ResultRules(price, new ResultSizeCap(() -> new MemorySize(BigInteger.valueOf(900 * 1024))));
    }

    static HardwareProbe gpuNode() {
        GpuDevice gpu = new GpuDevice(0, "GPU-00000000-1111-2222-3333-444444444444", "NVIDIA GeForce RTX 4090", 24564,
                20000, 17, false);
        HardwareInventory inventory = new HardwareInventory(16, "AMD Ryzen 9", "x86_64", 64L << 30, 100L << 30,
                List.of(gpu), Optional.of("12.4"));
        return () -> inventory;
    }

    static HardwareProbe cpuNode() {
        HardwareInventory inventory = new HardwareInventory(2, "test cpu", "x86_64", 8L << 30, 10L << 30, List.of(),
                Optional.empty());
        return () -> inventory;
    }
}
