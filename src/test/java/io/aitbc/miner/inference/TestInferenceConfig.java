package io.aitbc.miner.inference;

import java.time.Duration;
import java.util.List;

/**
 * A hand-made {@link InferenceConfig} for tests that build the inference classes without Quarkus.
 *
 * @param backend the backends, in order
 * @param firstTokenTimeout the first-token timeout
 * @param idleTimeout the idle timeout
 * @param maxTokens the default {@code max_tokens}
 * @param probeInterval the deep probe's period
 * @param probeTimeout the deep probe's deadline
 */
public record TestInferenceConfig(List<Backend> backend, Duration firstTokenTimeout, Duration idleTimeout,
        int maxTokens, Duration probeInterval, Duration probeTimeout) implements InferenceConfig {

    /** The defaults with the given timeouts and backends. */
    public static TestInferenceConfig of(Duration firstTokenTimeout, Duration idleTimeout, Backend... backends) {
        return new TestInferenceConfig(List.of(backends.length == 0 ? new Backend[] { Backend.OLLAMA } : backends),
                firstTokenTimeout, idleTimeout, 1024, Duration.ofSeconds(60), Duration.ofSeconds(2));
    }
}
