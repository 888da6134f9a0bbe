package io.aitbc.miner.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.Generation;
import io.aitbc.miner.inference.GenerationRequest;
import io.aitbc.miner.inference.InferenceException;
import io.aitbc.miner.inference.TestInferenceConfig;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.vertx.core.Vertx;

/** Ollama hygiene (D41): allocation options and keep_alive from configuration, context checks, preloads. */
class OllamaBackendTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final String OPTIONS = "{\"llama3.2:3b\": {num_ctx: 64, num_gpu: 99, use_mlock: true}}";

    private static Vertx vertx;
    private static FakeOllama ollama;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().generationTime(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        ollama.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        ollama.clearRequests();
    }

    @Test
    void everyRequestCarriesTheModelsAllocationOptionsAndKeepAlive() throws Exception {
        ObjectNode jobOptions = JsonNodeFactory.instance.objectNode().put("temperature", 0.1);

        backend(OPTIONS).generate(request("llama3.2:3b", "hi", jobOptions));
        backend(OPTIONS).generate(request("llama3", "hi", JsonNodeFactory.instance.objectNode()));

        FakeOllama.ReceivedRequest configured = ollama.requests().get(0);
        assertThat(configured.options().getInteger("num_ctx")).isEqualTo(64);
        assertThat(configured.options().getInteger("num_gpu")).isEqualTo(99);
        assertThat(configured.options().getBoolean("use_mlock")).isTrue();
        assertThat(configured.options().getDouble("temperature")).isEqualTo(0.1);
        assertThat(configured.keepAlive()).isEqualTo("1800s");
        FakeOllama.ReceivedRequest other = ollama.requests().get(1);
        assertThat(other.options().isEmpty()).as("a model without options gets none").isTrue();
        assertThat(other.keepAlive()).isEqualTo("1800s");
    }

    @Test
    void aPromptThatCannotFitTheContextIsRefusedBeforeSending() {
        String prompt = "x".repeat(64 * OllamaBackend.MAX_CHARS_PER_TOKEN + 1);

        assertThatThrownBy(() -> backend(OPTIONS).generate(request("llama3.2:3b", prompt, empty())))
                .isInstanceOfSatisfying(InferenceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.E_BADJOB);
                    assertThat(e.getMessage()).startsWith("prompt longer than the model's context");
                });
        assertThat(ollama.requests()).isEmpty();
    }

    @Test
    void aPromptOllamaTruncatedFailsTheGeneration() {
        // 400 characters pass the refusal (at most 512), but the fake's 100 tokens overflow num_ctx 64
        assertThatThrownBy(() -> backend(OPTIONS).generate(request("llama3.2:3b", "y".repeat(400), empty())))
                .isInstanceOfSatisfying(InferenceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.E_BADJOB);
                    assertThat(e.getMessage()).startsWith("prompt truncated by the model's context")
                            .contains("64 prompt tokens");
                });
        assertThat(ollama.requests()).hasSize(1);
    }

    @Test
    void aPromptWithinTheContextSucceeds() throws Exception {
        Generation generation = backend(OPTIONS).generate(request("llama3.2:3b", "z".repeat(200), empty()));

        assertThat(generation.promptTokens()).isEqualTo(50);
        assertThat(generation.load()).hasValue(20);
    }

    @Test
    void numPredictCutsTheGenerationAsOllamaDoes() throws Exception {
        ObjectNode options = JsonNodeFactory.instance.objectNode().put("num_predict", 3);

        Generation generation = backend("").generate(request("llama3.2:3b", "hi", options));

        assertThat(generation.completionTokens()).isEqualTo(3);
        assertThat(generation.doneReason()).isEqualTo("length");
        assertThat(ollama.requests().get(0).options().getInteger("num_predict")).isEqualTo(3);
    }

    @Test
    void preloadsLoadWithAnEmptyGenerateAndShowAsLoaded() throws Exception {
        OllamaConfig config = TestOllamaConfig.of(ollama.url()).withModelOptions(OPTIONS).withPreload("llama3.2:3b",
                "missing:1b");
        OllamaBackend backend = new OllamaBackend(new OllamaClient(vertx, config), config,
                TestInferenceConfig.of(FIVE_SECONDS, FIVE_SECONDS));

        backend.warmUp();

        assertThat(ollama.requests()).extracting(FakeOllama.ReceivedRequest::model).containsExactly("llama3.2:3b",
                "missing:1b");
        assertThat(ollama.requests().get(0).prompt()).isEmpty();
        assertThat(ollama.requests().get(0).options().getInteger("num_ctx")).isEqualTo(64);
        assertThat(backend.loadedModels()).contains("llama3.2:3b").doesNotContain("missing:1b");
    }

    @Test
    void modelOptionsAreCheckedAtStartUp() {
        assertThatThrownBy(() -> ModelOptions.parse(Optional.of("{m: {temperature: 1}}")))
                .hasMessageContaining("unknown option temperature");
        assertThatThrownBy(() -> ModelOptions.parse(Optional.of("{m: {num_ctx: big}}")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ModelOptions.parse(Optional.of("[1, 2]"))).hasMessageContaining("mapping");
        assertThat(ModelOptions.parse(Optional.of("llama3:\n  num_ctx: 8192\n")).numCtx("llama3:latest"))
                .hasValue(8192);
    }

    private static OllamaBackend backend(String options) {
        OllamaConfig config = TestOllamaConfig.of(ollama.url()).withModelOptions(options);
        return new OllamaBackend(new OllamaClient(vertx, config), config,
                TestInferenceConfig.of(FIVE_SECONDS, FIVE_SECONDS));
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static GenerationRequest request(String model, String prompt, ObjectNode options) {
        return new GenerationRequest(model, prompt, Optional.empty(), options, FIVE_SECONDS, FIVE_SECONDS);
    }
}
