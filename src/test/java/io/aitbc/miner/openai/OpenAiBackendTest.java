package io.aitbc.miner.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.BackendModels;
import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.GenerationRequest;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.TestInferenceConfig;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOpenAi;
import io.vertx.core.Vertx;

/** The OpenAI-compatible backend against the fake vLLM server: streams, usage, errors, stalls, cuts, the key. */
class OpenAiBackendTest {

    private static final String KEY = "sk-unit-test-key";
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static FakeOpenAi server;
    private static Path keyFile;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        vertx = Vertx.vertx();
        server = FakeOpenAi.start();
        keyFile = Files.writeString(dir.resolve("key"), KEY + "\n");
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        server.apiKey(Optional.of(KEY));
    }

    @Test
    void mappedModelStreamsWithMaxTokensUsageAndTheKey() throws Exception {
        OpenAiBackend backend = backend("qwen3:8b=Qwen/Qwen3-8B");

        Generation generation = backend.generate(request("qwen3:8b", "Why is the sky blue?", options()));

        assertThat(generation.backend()).isEqualTo(Backend.OPENAI);
        assertThat(generation.output()).isEqualTo(FakeOllama.outputFor(12));
        assertThat(generation.servedModel()).isEqualTo("Qwen/Qwen3-8B");
        assertThat(generation.completionTokens()).isEqualTo(12);
        assertThat(generation.promptTokens()).isEqualTo(5);
        assertThat(generation.doneReason()).isEqualTo("stop");
        assertThat(generation.load()).isEmpty();
        assertThat(generation.tokensPerSecond()).isPositive();
        assertThat(server.requests()).singleElement().satisfies(received -> {
            assertThat(received.body().getString("model")).isEqualTo("Qwen/Qwen3-8B");
            assertThat(received.body().getInteger("max_tokens")).isEqualTo(1024);
            assertThat(received.body().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
            assertThat(received.body().getBoolean("stream")).isTrue();
            assertThat(received.authorization()).contains("Bearer " + KEY);
        });
    }

    @Test
    void numPredictBecomesMaxTokensAndSamplingOptionsPassButOthersDoNot() throws Exception {
        ObjectNode options = options().put("num_predict", 5).put("temperature", 0.2).put("mirostat", 2);

        Generation generation = backend("").generate(request("Qwen/Qwen3-8B", "hi", options));

        assertThat(generation.completionTokens()).isEqualTo(5);
        assertThat(generation.doneReason()).isEqualTo("length");
        assertThat(server.requests()).singleElement().satisfies(received -> {
            assertThat(received.body().getInteger("max_tokens")).isEqualTo(5);
            assertThat(received.body().getDouble("temperature")).isEqualTo(0.2);
            assertThat(received.body().containsKey("mirostat")).isFalse();
        });
    }

    @Test
    void withoutAUsageChunkTheChunksAreCounted() throws Exception {
        server.usage(false).tokens(7);

        Generation generation = backend("").generate(request("Qwen/Qwen3-8B", "hi", options()));

        assertThat(generation.completionTokens()).isEqualTo(7);
        assertThat(generation.promptTokens()).isZero();
    }

    @Test
    void listingHasServedIdsAndTheNamesMappedToThem() {
        BackendModels models = backend("qwen3:8b=Qwen/Qwen3-8B,llama3.2:3b=meta-llama/Llama-3.2-3B-Instruct")
                .listModels();

        assertThat(models.models()).containsExactly("Qwen/Qwen3-8B");
        assertThat(models.names()).containsExactly("Qwen/Qwen3-8B", "qwen3:8b");
    }

    @Test
    void unknownAndMappedButUnservedModelsAreEModelWithoutARequest() {
        OpenAiBackend backend = backend("llama3.2:3b=meta-llama/Llama-3.2-3B-Instruct");

        assertFailure(() -> backend.generate(request("mistral:7b", "hi", options())), ErrorCode.E_MODEL,
                "'mistral:7b' is not served");
        assertFailure(() -> backend.generate(request("llama3.2:3b", "hi", options())), ErrorCode.E_MODEL,
                "mapped to 'meta-llama/Llama-3.2-3B-Instruct'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aModelGoneSinceTheListingIsEModelFromVllmsNotFoundBody() throws Exception {
        OpenAiBackend backend = backend("");
        backend.generate(request("Qwen/Qwen3-8B", "hi", options()));
        server.models("Other/Model");

        assertFailure(() -> backend.generate(request("Qwen/Qwen3-8B", "hi", options())), ErrorCode.E_MODEL,
                "does not exist");
    }

    @Test
    void aPromptBeyondTheContextIsBadJobFromVllms400Body() {
        server.maxModelLen(64);

        assertFailure(() -> backend("").generate(request("Qwen/Qwen3-8B", "x".repeat(400), options())),
                ErrorCode.E_BADJOB, "prompt longer than the model's context: This model's maximum context length");
    }

    @Test
    void serverErrorsAreRunnerErrors() {
        server.fault(FakeOpenAi.Fault.HTTP_500);
        assertFailure(() -> backend("").generate(request("Qwen/Qwen3-8B", "hi", options())), ErrorCode.E_RUNNER,
                "HTTP 500");
    }

    @Test
    void aStallFailsWithinTheIdleTimeoutAndClosesTheStream() {
        server.fault(FakeOpenAi.Fault.STALL).tokens(10).generationTime(Duration.ofMillis(220));
        GenerationRequest stalled = new GenerationRequest("Qwen/Qwen3-8B", "hi", Optional.empty(), options(),
                FIVE_SECONDS, Duration.ofMillis(300));

        assertFailure(() -> backend("").generate(stalled), ErrorCode.E_TIMEOUT, "stalled after");
        await().atMost(Duration.ofSeconds(2)).until(() -> server.abortedStreams() == 1);
    }

    @Test
    void aStreamCutMidWayIsARunnerError() {
        server.fault(FakeOpenAi.Fault.CUT).tokens(10);
        assertFailure(() -> backend("").generate(request("Qwen/Qwen3-8B", "hi", options())), ErrorCode.E_RUNNER,
                "stream");
    }

    @Test
    void interruptionClosesTheStream() {
        server.generationTime(Duration.ofSeconds(10));
        OpenAiBackend backend = backend("");
        backend.listModels();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                backend.generate(request("Qwen/Qwen3-8B", "hi", options()));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> server.requests().size() == 1);

        worker.interrupt();

        await().atMost(Duration.ofSeconds(2)).until(() -> thrown.get() != null && server.abortedStreams() == 1);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aRefusedKeyIsARunnerErrorThatNeverShowsTheKey() throws Exception {
        server.apiKey(Optional.of("another-key"));
        OpenAiBackend backend = backend("");

        BackendModels models = backend.listModels();

        assertThat(models.reachable()).isFalse();
        assertThat(models.problem().orElseThrow()).contains("401").doesNotContain(KEY);
        InferenceException failure = catchFailure(() -> backend.generate(request("Qwen/Qwen3-8B", "hi", options())));
        assertThat(failure.code()).isEqualTo(ErrorCode.E_RUNNER);
        assertThat(failure.getMessage()).doesNotContain(KEY);
    }

    @Test
    void theOpenAiBackendNeedsItsUrlAndAReadableKeyFile(@TempDir Path dir) {
        TestInferenceConfig openai = TestInferenceConfig.of(FIVE_SECONDS, FIVE_SECONDS, Backend.OPENAI);
        assertThatThrownBy(() -> new OpenAiBackend(vertx, config(Optional.empty(), Optional.empty()), () -> Optional
                .empty(), openai)).isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("MINER_OPENAI_URL: ");
        assertThatThrownBy(() -> new OpenAiBackend(vertx, config(Optional.of(URI.create(server.url())),
                Optional.of(dir.resolve("missing"))), () -> Optional.empty(), openai))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("MINER_OPENAI_API_KEY_FILE: ");
    }

    @Test
    void modelMapPairsAreChecked() {
        assertThat(ModelMap.parse(Optional.of(" a=b , c = d ")).served("c")).isEqualTo("d");
        assertThatThrownBy(() -> ModelMap.parse(Optional.of("a=b,a=c"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> ModelMap.parse(Optional.of("a"))).hasMessageContaining("name=served");
    }

    private static OpenAiBackend backend(String map) {
        return new OpenAiBackend(vertx, config(Optional.of(URI.create(server.url() + "/v1")), Optional.of(keyFile)),
                () -> Optional.of(map), TestInferenceConfig.of(FIVE_SECONDS, FIVE_SECONDS, Backend.OPENAI));
    }

    private static OpenAiConfig config(Optional<URI> url, Optional<Path> key) {
        return new OpenAiConfig() {
            @Override
            public Optional<URI> url() {
                return url;
            }

            @Override
            public Optional<Path> apiKeyFile() {
                return key;
            }
        };
    }

    private static ObjectNode options() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static GenerationRequest request(String model, String prompt, ObjectNode options) {
        return new GenerationRequest(model, prompt, Optional.empty(), options, FIVE_SECONDS, FIVE_SECONDS);
    }

    private interface Call {
        Generation run() throws Exception;
    }

    private static InferenceException catchFailure(Call call) {
        try {
            call.run();
        } catch (InferenceException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        throw new AssertionError("the generation succeeded");
    }

    private static void assertFailure(Call call, ErrorCode code, String messagePart) {
        InferenceException failure = catchFailure(call);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.getMessage()).contains(messagePart);
    }
}
