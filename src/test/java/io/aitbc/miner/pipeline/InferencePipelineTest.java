package io.aitbc.miner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.sim.SimReport;
import io.aitbc.miner.testing.TestInfra;
import io.aitbc.miner.uploader.ReceiptVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Jobs go all the way through the agent: poll → Redis → slot → Ollama → outbox → exactly one report. */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class InferencePipelineTest {

    private static final List<String> BILLING_KEYS = List.of("units", "price", "aitbc_earned",
            "cost");

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @Test
    void fiftyJobsEachCompleteWithOneVerifiedReceiptBilledForTheGenerationOnly() {
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> sim.submit(inference(TestInfra.MODEL, "hello " + i)))
                .toList();

        await().atMost(Duration.ofSeconds(90)).until(() -> ids.stream().allMatch(this::ended));

        ReceiptVerifier verifier = new ReceiptVerifier(sim.publicKeyBase64Url());
        List<Long> durations = ids.stream().map(id -> sim.job(id).orElseThrow().reports().get(0).body()
                .path("metrics").path("duration_ms").asLong()).toList();
        assertThat(durations).as("duration_ms of every job").allSatisfy(ms -> assertThat(ms).isBetween(
                TestInfra.GENERATION.toMillis() - 50, TestInfra.GENERATION.toMillis() + 50));
        for (String id : ids) {
            SimJob job = sim.job(id).orElseThrow();
            assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
            assertThat(job.reports()).as("reports of %s", id).hasSize(1);
            SimReport report = job.reports().get(0);
            assertThat(report.kind()).isEqualTo(SimReport.Kind.RESULT);
            assertThat(verifier.verify(report.receiptJson())).as("receipt of %s verifies", id).isTrue();
            assertNoBillingKeys(report.body());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sim.miner(TestInfra.MINER_ID).map(m -> m.inflight() == 0).orElse(false));
    }

    @Test
    void unknownModelFailsWithEModelAndNoOtherModelIsTried() {
        String id = sim.submit(inference("no-such-model:70b", "hi"));

        SimJob job = awaitEnd(id);

        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.reports()).hasSize(1);
        assertThat(job.error()).startsWith("E_MODEL: ");
        assertThat(job.reports().get(0).body().path("error_code").asText()).isEqualTo("E_MODEL");
        assertThat(TestInfra.ollama().requests()).noneMatch(r -> r.model().equals(TestInfra.MODEL)
                && r.promptLength() == 2);
    }

    @Test
    void payloadWithoutPromptFailsWithEBadjob() {
        SimJob job = awaitEnd(sim.submit(new JsonObject().put("type", "inference").put("model", TestInfra.MODEL)));
        assertThat(job.error()).startsWith("E_BADJOB: ");
        assertThat(job.reports()).hasSize(1);
    }

    @Test
    void unknownTypesFailWithEUnsupported() {
        SimJob teleport = awaitEnd(sim.submit(new JsonObject().put("type", "teleport")));
        assertThat(teleport.error()).startsWith("E_UNSUPPORTED: ");
    }

    @Test
    void modelAndPromptWithoutTypeIsInference() {
        SimJob job = awaitEnd(sim.submit(new JsonObject().put("model", TestInfra.MODEL).put("prompt", "untyped")));
        assertThat(job.state()).isEqualTo(SimJobState.COMPLETED);
        JsonNode result = job.reports().get(0).body().path("result");
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("model").asText()).isEqualTo(TestInfra.MODEL);
        assertThat(result.path("tokens_processed").asInt()).isEqualTo(32);
        assertThat(result.path("output").asText()).isNotEmpty();
    }

    private void assertNoBillingKeys(JsonNode body) {
        JsonNode metrics = body.path("metrics");
        assertThat(metrics.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(metrics.path("unit_type").asText()).isEqualTo("gpu_seconds");
        for (String key : BILLING_KEYS) {
            assertThat(body.path("result").has(key)).as("result.%s", key).isFalse();
            assertThat(metrics.has(key)).as("metrics.%s", key).isFalse();
        }
    }

    private SimJob awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(id));
        return sim.job(id).orElseThrow();
    }

    private boolean ended(String id) {
        return sim.job(id).map(j -> j.state() == SimJobState.COMPLETED || j.state() == SimJobState.FAILED)
                .orElse(false);
    }

    static JsonObject inference(String model, String prompt) {
        return new JsonObject().put("type", "inference").put("model", model).put("prompt", prompt);
    }
}
