package io.aitbc.miner.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.inference.InferenceConfig;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.sim.FakeOllama;
import io.aitbc.miner.sim.FakeOllamaOptions;
import io.vertx.core.Vertx;

class RunnerDispatcherTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Placement PLACEMENT = Placement.of(SlotKind.INFERENCE);

    private final AtomicReference<Object> seenJobId = new AtomicReference<>();
    private final JobRunner inference = runner(JobType.INFERENCE, job -> {
        seenJobId.set(MDC.get("job_id"));
        return RawOutcome.unmeasured(JobOutcome.success(
                JsonNodeFactory.instance.objectNode().put("status", "completed"), JsonNodeFactory.instance.objectNode()));
    });
    private final RunnerDispatcher dispatcher = new RunnerDispatcher(List.of(inference));

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"type\":\"inference\",\"model\":\"m\",\"prompt\":\"p\"} | INFERENCE",
            "{\"model\":\"m\",\"prompt\":\"p\"}                        | INFERENCE",
            "{\"type\":\"cli\",\"command\":\"sha256\"}                 | CLI",
            "{\"type\":\"python\",\"module\":\"m\"}                    | PYTHON",
            "{\"type\":\"transcribe\",\"url\":\"u\"}                   | TRANSCRIBE",
            "{\"type\":\"reencode\",\"url\":\"u\"}                     | REENCODE",
            "{\"type\":\"Inference\",\"model\":\"m\",\"prompt\":\"p\"} | UNKNOWN",
            "{\"type\":3,\"model\":\"m\",\"prompt\":\"p\"}             | UNKNOWN",
            "{\"model\":\"m\"}                                         | UNKNOWN",
            "[\"model\",\"prompt\"]                                    | UNKNOWN",
            "null                                                      | UNKNOWN" })
    void classifiesByTypeOrByModelAndPrompt(String payload, JobType expected) throws Exception {
        assertThat(JobType.of(MAPPER.readTree(payload))).isEqualTo(expected);
    }

    @Test
    void inferenceGoesToItsRunnerWithTheJobIdInTheLoggingContext() throws Exception {
        Job job = InferenceRunnerTest.job(MAPPER.readTree("{\"model\":\"m\",\"prompt\":\"p\"}"));

        JobOutcome outcome = dispatcher.run(job, PLACEMENT).outcome();

        assertThat(outcome.report()).isEqualTo(JobOutcome.Report.RESULT);
        assertThat(seenJobId.get()).isEqualTo(job.id());
        assertThat(MDC.get("job_id")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[1,2]                                   | E_BADJOB      | payload must be a JSON object, not array",
            "\"hello\"                               | E_BADJOB      | not string",
            "{\"type\":7}                            | E_BADJOB      | 'type' must be a string, not number",
            "{\"type\":null}                         | E_BADJOB      | 'type' must be a string, not null",
            "{\"prompt\":\"p\"}                      | E_BADJOB      | no 'type'",
            "{\"type\":\"transcribe\",\"url\":\"u\"} | E_UNSUPPORTED | transcribe jobs are not enabled on this node",
            "{\"type\":\"reencode\"}                 | E_UNSUPPORTED | reencode jobs are not enabled on this node",
            "{\"type\":\"mine-bitcoin\"}             | E_UNSUPPORTED | job type 'mine-bitcoin' is not a job type",
            "{\"type\":\"cli\",\"command\":\"ls\"}   | E_UNSUPPORTED | cli jobs are not enabled on this node",
            "{\"type\":\"python\",\"module\":\"m\"}  | E_UNSUPPORTED | python jobs are not enabled on this node" })
    void refusesWhatItCannotRun(String payload, ErrorCode code, String message) throws Exception {
        JobOutcome outcome = dispatcher.run(InferenceRunnerTest.job(MAPPER.readTree(payload)), PLACEMENT).outcome();

        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.body().get("error_message").asText()).startsWith(code.name() + ": ").contains(message);
    }

    @Test
    void unknownTypeIsSanitisedAndCut() throws InterruptedException {
        String hostile = "<script>\n" + "x".repeat(500);
        JobOutcome outcome = dispatcher.run(InferenceRunnerTest.job(
                JsonNodeFactory.instance.objectNode().put("type", hostile)), PLACEMENT).outcome();

        String message = outcome.body().get("error_message").asText();
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_UNSUPPORTED);
        assertThat(message).doesNotContain("<", "\n").contains("?script??").hasSizeLessThan(120);
    }

    @Test
    void aRunnerThatThrowsFailsTheJobAsInternal() throws InterruptedException {
        RunnerDispatcher broken = new RunnerDispatcher(List.of(runner(JobType.INFERENCE, job -> {
            throw new IllegalStateException("boom");
        })));

        JobOutcome outcome = broken.run(InferenceRunnerTest.job(InferenceRunnerTest.inference("m", "p")), PLACEMENT)
                .outcome();

        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_INTERNAL);
        assertThat(outcome.body().get("error_message").asText()).contains("java.lang.IllegalStateException");
        assertThat(MDC.get("job_id")).isNull();
    }

    @Test
    void interruptionIsPassedOn() {
        RunnerDispatcher stopped = new RunnerDispatcher(List.of(runner(JobType.INFERENCE, job -> {
            throw new InterruptedException();
        })));

        assertThatThrownBy(() -> stopped.run(InferenceRunnerTest.job(InferenceRunnerTest.inference("m", "p")), PLACEMENT))
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void runsInferenceEndToEndOnTheFakeOllama() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try (FakeOllama ollama = FakeOllama.start(FakeOllamaOptions.defaults().generationTime(Duration.ofMillis(50)))) {
            InferenceConfig config = TestConfigs.inference(Duration.ofSeconds(5), Duration.ofSeconds(5));
            InferenceRunner runner = new InferenceRunner(TestConfigs.ollamaOnly(vertx, ollama.url(), config),
                    TestConfigs.cpuNode(), config);
            RunnerDispatcher real = new RunnerDispatcher(List.of(runner));

            JobOutcome ok = real.run(InferenceRunnerTest.job(untyped("llama3", "hi")), PLACEMENT).outcome();
            JobOutcome missing = real.run(InferenceRunnerTest.job(untyped("nope", "hi")), PLACEMENT).outcome();

            assertThat(ok.body().at("/result/output").asText()).isEqualTo(FakeOllama.outputFor(12));
            assertThat(missing.errorCode()).isEqualTo(ErrorCode.E_MODEL);
        } finally {
            vertx.close();
        }
    }

    private static JsonNode untyped(String model, String prompt) {
        return JsonNodeFactory.instance.objectNode().put("model", model).put("prompt", prompt);
    }

    private interface Body {
        RawOutcome run(Job job) throws InterruptedException;
    }

    private static JobRunner runner(JobType type, Body body) {
        return new JobRunner() {
            @Override
            public JobType type() {
                return type;
            }

            @Override
            public RawOutcome run(Job job, Placement placement) throws InterruptedException {
                return body.run(job);
            }
        };
    }
}
