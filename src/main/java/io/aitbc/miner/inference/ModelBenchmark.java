package io.aitbc.miner.inference;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One model's measured figures, from a short fixed generation (the capability document's {@code benchmarks}).
 *
 * @param backend the backend that serves it
 * @param load the model's load time as the backend reports it (Ollama's {@code load_duration}; an
 *        OpenAI-compatible server keeps its model loaded and reports none)
 * @param firstTokenMs time from the request to the first chunk, load included, in milliseconds
 * @param tokensPerSecond generation speed after the first chunk
 * @param tokens tokens generated
 * @param measuredAt when it was measured
 */
public record ModelBenchmark(Backend backend, OptionalLong load, long firstTokenMs, double tokensPerSecond,
        long tokens, Instant measuredAt) {
}
