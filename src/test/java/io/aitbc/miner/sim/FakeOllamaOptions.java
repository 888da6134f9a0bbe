package io.aitbc.miner.sim;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link FakeOllama} behaves. Every setting may be changed while the fake runs; a generation reads them once,
 * when its request arrives. Setters return {@code this} for chaining.
 */
public final class FakeOllamaOptions {

    /** A failure the fake produces on {@code /api/generate} for installed models. */
    public enum Fault {
        /** Streams normally. */
        NONE,
        /** Answers HTTP 500 with an {@code error} body before streaming. */
        HTTP_500,
        /** Streams half the chunks, then an {@code {"error": ...}} line, then ends. */
        ERROR_LINE,
        /** Streams every chunk, then ends without the {@code done: true} line. */
        NO_DONE,
        /** Answers HTTP 500 with Ollama's "model requires more system memory" error. */
        OUT_OF_MEMORY,
        /** Streams half the chunks, then stops sending and keeps the connection open. */
        STALL,
        /** Accepts the request and never answers it (a hung Ollama that still accepts connections). */
        HANG
    }

    private volatile int port;
    private volatile List<String> models = List.of("llama3.2:3b", "llama3:latest");
    private volatile Duration generationTime = Duration.ofMillis(300);
    private volatile int tokens = 12;
    private volatile Duration loadDuration = Duration.ofMillis(20);
    private volatile Fault fault = Fault.NONE;

    /** The defaults: port 0, models {@code llama3.2:3b} and {@code llama3:latest}, 300 ms, 12 tokens, no fault. */
    public static FakeOllamaOptions defaults() {
        return new FakeOllamaOptions();
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public int port() {
        return port;
    }

    public FakeOllamaOptions port(int port) {
        this.port = port;
        return this;
    }

    /** The installed models, as {@code /api/tags} lists them; untagged requests match {@code <name>:latest}. */
    public List<String> models() {
        return models;
    }

    public FakeOllamaOptions models(String... models) {
        this.models = List.of(models);
        return this;
    }

    /** Time from a generate request to its done line, spread over the chunks. */
    public Duration generationTime() {
        return generationTime;
    }

    public FakeOllamaOptions generationTime(Duration generationTime) {
        this.generationTime = generationTime;
        return this;
    }

    /** Chunks streamed before the done line, reported as {@code eval_count}. */
    public int tokens() {
        return tokens;
    }

    public FakeOllamaOptions tokens(int tokens) {
        this.tokens = Math.max(0, tokens);
        return this;
    }

    /** Reported as {@code load_duration}; part of the generation time, not added to it. */
    public Duration loadDuration() {
        return loadDuration;
    }

    public FakeOllamaOptions loadDuration(Duration loadDuration) {
        this.loadDuration = loadDuration;
        return this;
    }

    /** The failure to produce, {@link Fault#NONE} by default. */
    public Fault fault() {
        return fault;
    }

    public FakeOllamaOptions fault(Fault fault) {
        this.fault = fault;
        return this;
    }
}
