package io.aitbc.miner.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.result.ResultRules;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.aitbc.miner.sim.FakeOllamaOptions.Fault;
import io.vertx.core.Vertx;

class InferenceRunnerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration GENERATION = Duration.ofMillis(300);
    private static final List<String> BILLING_KEYS = List.of("units", "price", "aitbc_earned", "cost");
    private static final Placement PLACEMENT = Placement.of(SlotKind.INFERENCE);
    private static final ResultRules PRICED = TestConfigs.results(new BigDecimal("0.02"));

    private static Vertx vertx;
    private static FakeOllama ollama;

    @BeforeAll
    static void startFake() throws InterruptedException {
        vertx = Vertx.vertx();
        ollama = FakeOllama.start(FakeOllamaOptions.defaults().generationTime(Duration.ofMillis(30)));
        runner(Duration.ofSeconds(5), Duration.ofSeconds(5)).run(job(inference("llama3.2:3b", "warm up")), PLACEMENT);
    }

    @AfterAll
    static void stopFake() {
        ollama.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        ollama.options().fault(Fault.NONE).tokens(12).generationTime(GENERATION).models("llama3.2:3b",
                "llama3:latest");
        ollama.clearRequests();
    }

    @Test
    void successHasTheCompatibleShapeAndBillsTheGenerationTime() throws InterruptedException {
        JobOutcome outcome = committed(runner(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                job(inference("llama3.2:3b", "Why is the sky blue?")), PRICED);

        assertThat(outcome.report()).isEqualTo(JobOutcome.Report.RESULT);
        JsonNode result = outcome.body().get("result");
        assertThat(fieldNames(result)).containsExactlyInAnyOrder("status", "output", "execution_time", "gpu_used",
                "model", "tokens_processed", "prompt_tokens", "tokens_per_second", "load_ms", "done_reason", "backend");
        assertThat(result.get("backend").asText()).isEqualTo("ollama");
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("output").asText()).isEqualTo(FakeOllama.outputFor(12));
        assertThat(result.get("model").asText()).isEqualTo("llama3.2:3b");
        assertThat(result.get("tokens_processed").asLong()).isEqualTo(12);
        assertThat(result.get("prompt_tokens").asLong()).isEqualTo(5);
        assertThat(result.get("tokens_per_second").asDouble()).isPositive();
        assertThat(result.get("load_ms").asLong()).isEqualTo(20);
        assertThat(result.get("done_reason").asText()).isEqualTo("stop");
        assertThat(result.get("gpu_used").asBoolean()).isTrue();
        assertThat(result.get("execution_time").isDouble()).isTrue();

        JsonNode metrics = outcome.body().get("metrics");
        assertThat(metrics.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(metrics.get("duration_ms").asLong()).isBetween(GENERATION.toMillis() - 50,
                GENERATION.toMillis() + 50);
        assertThat(result.get("execution_time").asDouble()).isEqualTo(metrics.get("duration_ms").asLong() / 1000.0);
        assertThat(metrics.get("unit_type").asText()).isEqualTo("gpu_seconds");
        assertThat(metrics.get("unit_price").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(metrics.get("gpu_count").asInt()).isEqualTo(1);
        assertThat(allFieldNames(outcome.body())).doesNotContainAnyElementsOf(BILLING_KEYS);
        assertThat(ollama.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("llama3.2:3b");
            assertThat(r.promptLength()).isEqualTo(20);
        });
    }

    @Test
    void theFirstChunkIsTimedWhereItArrivesAndOnlyTheGenerationIsMeasured() throws InterruptedException {
        RawOutcome raw = runner(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .run(job(inference("llama3.2:3b", "hi")), PLACEMENT);

        Duration measured = raw.measured().orElseThrow();
        assertThat(measured.toMillis()).isBetween(GENERATION.toMillis() - 50, GENERATION.toMillis() + 50);
        assertThat(raw.firstToken()).hasValueSatisfying(first -> assertThat(first).isPositive()
                .isLessThan(measured.minus(GENERATION.dividedBy(2))));
        assertThat(raw.outcome().body().get("metrics").has("duration_ms")).as("billing is the pipeline's").isFalse();
    }

    @Test
    void failuresAreNotMeasuredSoNothingIsBilled() throws InterruptedException {
        RawOutcome raw = runner(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .run(job(inference("mistral:7b", "hi")), PLACEMENT);

        assertThat(raw.outcome().errorCode()).isEqualTo(ErrorCode.E_MODEL);
        assertThat(raw.measured()).isEmpty();
        assertThat(PRICED.apply(raw, SlotKind.INFERENCE).body().get("metrics")).isEmpty();
    }

    @Test
    void cpuNodeReportsNoGpu() throws InterruptedException {
        InferenceConfig config = TestConfigs.inference(Duration.ofSeconds(5), Duration.ofSeconds(5));
        InferenceRunner runner = new InferenceRunner(TestConfigs.ollamaOnly(vertx, ollama.url(), config),
                TestConfigs.cpuNode(), config);
        JobOutcome outcome = committed(runner, job(inference("llama3.2:3b", "hi")),
                TestConfigs.results(new BigDecimal("0.05")));

        assertThat(outcome.body().at("/result/gpu_used").asBoolean()).isFalse();
        assertThat(outcome.body().at("/metrics/unit_price").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(fieldNames(outcome.body().get("metrics"))).containsExactlyInAnyOrder("duration_ms", "unit_type",
                "unit_price");
    }

    @Test
    void untaggedModelMatchesLatest() throws InterruptedException {
        JobOutcome outcome = run(inference("llama3", "hi"));

        assertThat(outcome.report()).isEqualTo(JobOutcome.Report.RESULT);
        assertThat(outcome.body().at("/result/model").asText()).isEqualTo("llama3");
    }

    @Test
    void unknownModelFailsWithoutTryingAnother() throws InterruptedException {
        JobOutcome outcome = run(inference("mistral:7b", "hi"));

        assertFailure(outcome, ErrorCode.E_MODEL, "mistral:7b");
        assertThat(ollama.requests()).extracting(FakeOllama.ReceivedRequest::model).containsExactly("mistral:7b");
    }

    @ParameterizedTest
    @ValueSource(strings = { "[1,2]", "\"text\"", "{\"model\":\"llama3.2:3b\"}", "{\"model\":\"llama3.2:3b\",\"prompt\":42}",
            "{\"model\":\"\",\"prompt\":\"hi\"}", "{\"model\":7,\"prompt\":\"hi\"}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"system\":1}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"options\":\"hot\"}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"options\":{\"num_ctx\":131072}}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"options\":{\"num_gpu\":0}}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"options\":{\"use_mlock\":true}}",
            "{\"model\":\"llama3.2:3b\",\"prompt\":\"hi\",\"options\":{\"num_thread\":64}}" })
    void badPayloadsAreRefusedBeforeOllamaIsCalled(String payload) throws Exception {
        JobOutcome outcome = run(MAPPER.readTree(payload));

        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_BADJOB);
        assertThat(ollama.requests()).isEmpty();
    }

    @Test
    void oversizedPromptIsRefusedWithItsSize() throws InterruptedException {
        String prompt = "x".repeat(InferenceRequest.MAX_PROMPT_CHARS + 1);
        JobOutcome outcome = run(inference("llama3.2:3b", prompt));

        assertFailure(outcome, ErrorCode.E_BADJOB, "too long");
        assertThat(outcome.body().get("error_message").asText()).doesNotContain("xxxx");
    }

    @Test
    void http500IsARunnerError() throws InterruptedException {
        ollama.options().fault(Fault.HTTP_500);
        assertFailure(run(inference("llama3.2:3b", "hi")), ErrorCode.E_RUNNER, "HTTP 500");
    }

    @Test
    void connectionRefusedIsARunnerError() throws InterruptedException {
        ollama.stop();
        try {
            assertFailure(run(inference("llama3.2:3b", "hi")), ErrorCode.E_RUNNER, "unreachable");
        } finally {
            ollama.restart();
        }
    }

    @Test
    void errorLineFailsTheJob() throws InterruptedException {
        ollama.options().fault(Fault.ERROR_LINE);
        assertFailure(run(inference("llama3.2:3b", "hi")), ErrorCode.E_RUNNER, "mid-stream");
    }

    @Test
    void streamWithoutDoneLineFailsTheJob() throws InterruptedException {
        ollama.options().fault(Fault.NO_DONE);
        assertFailure(run(inference("llama3.2:3b", "hi")), ErrorCode.E_RUNNER, "without a done line");
    }

    @Test
    void outOfMemoryIsOom() throws InterruptedException {
        ollama.options().fault(Fault.OUT_OF_MEMORY);
        assertFailure(run(inference("llama3.2:3b", "hi")), ErrorCode.E_OOM, "requires more system memory");
    }

    @Test
    void stallFailsWithinTheIdleTimeout() throws InterruptedException {
        ollama.options().fault(Fault.STALL).tokens(10).generationTime(Duration.ofMillis(440));
        Duration idle = Duration.ofMillis(300);
        long start = System.nanoTime();

        JobOutcome outcome = committed(runner(Duration.ofSeconds(5), idle), job(inference("llama3.2:3b", "hi")), PRICED);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertFailure(outcome, ErrorCode.E_TIMEOUT, "stalled after 300 ms without a token");
        // five chunks arrive within 200 ms, then nothing: the job fails one idle timeout after the last chunk
        assertThat(took).isBetween(idle, idle.plusMillis(200 + 150));
        await().atMost(Duration.ofSeconds(2)).until(() -> ollama.abortedStreams() == 1);
    }

    @Test
    void silenceBeforeTheFirstChunkFailsAfterTheFirstTokenTimeout() throws InterruptedException {
        ollama.options().fault(Fault.STALL).tokens(0);
        JobOutcome outcome = committed(runner(Duration.ofMillis(200), Duration.ofSeconds(5)),
                job(inference("llama3.2:3b", "hi")), PRICED);
        assertFailure(outcome, ErrorCode.E_RUNNER, "MINER_INFERENCE_FIRST_TOKEN_TIMEOUT");
    }

    @Test
    void interruptionResetsTheRequest() {
        ollama.options().generationTime(Duration.ofSeconds(10));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                run(inference("llama3.2:3b", "hi"));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> ollama.requests().size() == 1);

        worker.interrupt();

        await().atMost(Duration.ofSeconds(2)).until(() -> thrown.get() != null && ollama.abortedStreams() == 1);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    static InferenceRunner runner(Duration firstToken, Duration idle) {
        InferenceConfig config = TestConfigs.inference(firstToken, idle);
        return new InferenceRunner(TestConfigs.ollamaOnly(vertx, ollama.url(), config), TestConfigs.gpuNode(),
                config);
    }

    private static JobOutcome run(JsonNode payload) throws InterruptedException {
        return committed(runner(Duration.ofSeconds(5), Duration.ofSeconds(5)), job(payload), PRICED);
    }

    /** The outcome as the pipeline commits it: the runner's raw outcome after the result rules. */
    private static JobOutcome committed(InferenceRunner runner, Job job, ResultRules rules)
            throws InterruptedException {
        return rules.apply(runner.run(job, PLACEMENT), PLACEMENT.slot());
    }

    static Job job(JsonNode payload) {
        return new Job("job-" + System.nanoTime(), payload, JsonNodeFactory.instance.objectNode(),
                Instant.now().plusSeconds(900), 1);
    }

    static ObjectNode inference(String model, String prompt) {
        return JsonNodeFactory.instance.objectNode().put("type", "inference").put("model", model).put("prompt",
                prompt);
    }

    private static void assertFailure(JobOutcome outcome, ErrorCode code, String messagePart) {
        assertThat(outcome.report()).isEqualTo(JobOutcome.Report.FAIL);
        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.body().get("error_message").asText()).startsWith(code.name() + ": ")
                .contains(messagePart);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> allFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            names.add(field.getKey());
            names.addAll(allFieldNames(field.getValue()));
        }
        return names;
    }
}
