package io.aitbc.miner.runner;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.aitbc.miner.config.MinerConfig;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;

/** Hand-made configuration and probe objects for runner tests that construct the classes without Quarkus. */
final class TestConfigs {

    private TestConfigs() {
    }

    record Inference(Optional<Integer> slots, Duration firstTokenTimeout, Duration idleTimeout)
            implements
                InferenceConfig {
    }

    static InferenceConfig inference(Duration firstTokenTimeout, Duration idleTimeout) {
        return new Inference(Optional.empty(), firstTokenTimeout, idleTimeout);
    }

    static OllamaConfig ollama(String url) {
        return () -> URI.create(url);
    }

    /** A {@link MinerConfig} with the given price; every optional member is empty (so new members need no edit). */
    static MinerConfig miner(BigDecimal price) {
        return (MinerConfig) Proxy.newProxyInstance(MinerConfig.class.getClassLoader(),
                new Class<?>[] { MinerConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "price" -> price;
                    case "toString" -> "MinerConfig(price=" + price + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == Optional.class ? Optional.empty() : null;
                });
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
