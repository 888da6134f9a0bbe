package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.inference.Backend;
import io.aitbc.miner.inference.BackendHealth;
import io.aitbc.miner.inference.DeepProbe;
import io.aitbc.miner.inference.InferenceReadinessCheck;
import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Both inference backends through the whole agent (D40, D41): the fake Ollama serves {@link TestInfra#MODEL} and
 * {@link TestInfra#TINY_MODEL} (a 64-token context), the fake OpenAI-compatible server serves
 * {@link TestInfra#OPENAI_SERVED}, mapped from {@link TestInfra#OPENAI_MODEL}.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class InferenceBackendsPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CoordinatorSimulator sim = TestInfra.simulator();
    private final FakeOllama ollama = TestInfra.ollama();

    @Inject
    DeepProbe probe;

    @Inject
    BackendHealth health;

    @Inject
    @Readiness
    InferenceReadinessCheck readiness;

    @BeforeEach
    void clear() {
        ollama.clearRequests();
    }

    @AfterEach
    void heal() throws InterruptedException {
        ollama.options().fault(FakeOllamaOptions.Fault.NONE);
        if (health.down(Backend.OLLAMA) || health.status(Backend.OLLAMA).failuresInARow() > 0) {
            probe.round();
        }
    }

    @Test
    void aMappedModelRunsOnTheOpenAiServerWithMaxTokensAndIsBilled() {
        int before = TestInfra.openai().requests().size();
        SimJob job = awaitEnd(sim.submit(inference(TestInfra.OPENAI_MODEL, "Why is the sky blue?")));

        assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
        JsonNode body = job.reports().get(0).body();
        JsonNode result = body.path("result");
        assertThat(result.path("backend").asText()).isEqualTo("openai");
        assertThat(result.path("model").asText()).isEqualTo(TestInfra.OPENAI_MODEL);
        assertThat(result.path("served_model").asText()).isEqualTo(TestInfra.OPENAI_SERVED);
        assertThat(result.path("tokens_processed").asInt()).isEqualTo(12);
        assertThat(result.path("output").asText()).isEqualTo(FakeOllama.outputFor(12));
        assertThat(body.path("metrics").path("duration_ms").asLong()).isPositive();
        assertThat(body.path("metrics").path("unit_type").asText()).isEqualTo("gpu_seconds");
        assertThat(TestInfra.openai().requests()).hasSizeGreaterThan(before).allSatisfy(received -> {
            assertThat(received.body().getInteger("max_tokens")).as("max_tokens on every request").isPositive();
            assertThat(received.authorization()).contains("Bearer " + TestInfra.OPENAI_KEY);
        });
        assertThat(ollama.requests()).noneMatch(r -> r.model().equals(TestInfra.OPENAI_MODEL));
    }

    @Test
    void aModelNoBackendServesIsEModel() {
        SimJob job = awaitEnd(sim.submit(inference("Qwen/Qwen9-1T", "hi")));

        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith("E_MODEL: ");
        assertThat(job.reports()).hasSize(1);
    }

    @Test
    void aJobThatSetsAnAllocationOptionIsRefused() {
        JsonObject payload = inference(TestInfra.MODEL, "hi").put("options", new JsonObject().put("num_ctx", 131072));

        SimJob job = awaitEnd(sim.submit(payload));

        assertThat(job.error()).startsWith("E_BADJOB: ").contains("options.num_ctx");
        assertThat(ollama.requests()).isEmpty();
    }

    @Test
    void aTruncatedPromptFailsAndIsNotBilled() {
        // 400 characters: 100 of the fake's tokens, past num_ctx 64, yet under the refusal's 8 characters a token
        SimJob job = awaitEnd(sim.submit(inference(TestInfra.TINY_MODEL, "t".repeat(400))));

        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith("E_BADJOB: prompt truncated by the model's context");
        assertThat(job.reports()).singleElement()
                .satisfies(report -> assertThat(report.body().has("result")).as("no result, no bill").isFalse());
        assertThat(ollama.requests()).singleElement().satisfies(r -> {
            assertThat(r.options().getInteger("num_ctx")).isEqualTo(TestInfra.TINY_CTX);
            assertThat(r.keepAlive()).isEqualTo("1800s");
        });
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedBeforeOllamaSeesIt() {
        SimJob job = awaitEnd(sim.submit(inference(TestInfra.TINY_MODEL, "t".repeat(10_000))));

        assertThat(job.error()).startsWith("E_BADJOB: prompt longer than the model's context");
        assertThat(ollama.requests()).isEmpty();
    }

    @Test
    void theDeepProbeCatchesAHungOllamaAndItsModelsLeaveTheCapabilitiesUntilItAnswers() throws Exception {
        ollama.options().fault(FakeOllamaOptions.Fault.HANG);
        for (int i = 0; i < BackendHealth.FAILURES_TO_STOP; i++) {
            probe.round();
        }

        assertThat(health.down(Backend.OLLAMA)).isTrue();
        assertThat(health.down(Backend.OPENAI)).isFalse();
        HealthCheckResponse data = readiness.call();
        assertThat(data.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data.getData().orElseThrow()).containsEntry("ollama.failures_in_a_row", 3L)
                .containsEntry("ollama.models_offered", false);
        assertThat(String.valueOf(data.getData().orElseThrow().get("ollama"))).contains("MINER_INFERENCE_FIRST_TOKEN");
        await().atMost(WAIT).until(() -> !models().contains(TestInfra.MODEL));
        assertThat(models()).contains(TestInfra.OPENAI_MODEL);

        ollama.options().fault(FakeOllamaOptions.Fault.NONE);
        probe.round();

        assertThat(health.down(Backend.OLLAMA)).isFalse();
        await().atMost(WAIT).until(() -> models().contains(TestInfra.MODEL));
    }

    @Test
    void theCapabilityDocumentCarriesMeasuredBenchmarks() {
        await().atMost(WAIT).until(() -> capabilities().path("benchmarks").has(TestInfra.OPENAI_SERVED)
                && capabilities().path("benchmarks").has(TestInfra.MODEL));

        JsonNode benchmarks = capabilities().path("benchmarks");
        JsonNode local = benchmarks.path(TestInfra.MODEL);
        assertThat(local.path("backend").asText()).isEqualTo("ollama");
        assertThat(local.path("load_ms").asLong()).isEqualTo(20);
        assertThat(local.path("tokens_per_second").asDouble()).isPositive();
        JsonNode remote = benchmarks.path(TestInfra.OPENAI_SERVED);
        assertThat(remote.path("backend").asText()).isEqualTo("openai");
        assertThat(remote.has("load_ms")).as("a server keeps its model loaded: no load time").isFalse();
        assertThat(remote.path("tokens").asInt()).isEqualTo(12);
        assertThat(capabilities().path("inference_backends").toString()).isEqualTo("[\"ollama\",\"openai\"]");
    }

    private List<String> models() {
        List<String> names = new ArrayList<>();
        capabilities().path("models").forEach(name -> names.add(name.asText()));
        return names;
    }

    private JsonNode capabilities() {
        return sim.miner(TestInfra.MINER_ID).orElseThrow().capabilities();
    }

    private SimJob awaitEnd(String id) {
        await().atMost(WAIT).until(() -> sim.job(id).map(j -> j.state() == SimJobState.COMPLETED
                || j.state() == SimJobState.FAILED).orElse(false));
        return sim.job(id).orElseThrow();
    }

    private static JsonObject inference(String model, String prompt) {
        return new JsonObject().put("type", "inference").put("model", model).put("prompt", prompt);
    }
}
