package io.aitbc.miner.pipeline;

import static io.aitbc.miner.pipeline.SandboxJobs.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
import io.aitbc.miner.sim.FakeWhisper;
import io.aitbc.miner.sim.SimJob;
import io.aitbc.miner.sim.SimJobState;
import io.aitbc.miner.testing.MediaClips;
import io.aitbc.miner.testing.MediaServer;
import io.aitbc.miner.testing.TestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * {@code transcribe} jobs through the whole agent: the media fetched from a test server and forwarded to the fake
 * aitbc-whisper service; the production miner's result keys, and hostile payloads refused before anything is fetched.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class TranscribePipelineTest {

    private static final byte[] CLIP = MediaClips.clip(1);
    private static MediaServer media;

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @BeforeAll
    static void serve() {
        media = MediaServer.start().file("/talk.mp3", CLIP);
    }

    @AfterAll
    static void stop() {
        media.close();
    }

    @Test
    void theTranscriptComesBackWithTheProductionMinersKeysAndMore() {
        SimJob job = awaitEnd(sim, sim.submit(new JsonObject().put("type", "transcribe")
                .put("url", media.url("/talk.mp3")).put("language", "en")));

        assertThat(job.state()).as("ended with %s", job.error()).isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
        JsonNode result = job.reports().get(0).body().path("result");
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("output").asText()).isEqualTo(FakeWhisper.TEXT);
        assertThat(result.path("transcription").asText()).isEqualTo(FakeWhisper.TEXT);
        assertThat(result.path("model").asText()).isEqualTo("base");
        assertThat(result.path("execution_time").isNumber()).isTrue();
        assertThat(result.path("gpu_used").isBoolean()).isTrue();
        assertThat(result.path("language").asText()).isEqualTo("en");
        assertThat(result.path("duration_seconds").asDouble()).isEqualTo(FakeWhisper.DURATION);
        assertThat(result.at("/segments/0/text").asText()).isEqualTo(FakeWhisper.TEXT);
        assertThat(job.reports().get(0).body().at("/metrics/unit_type").asText()).isEqualTo("gpu_seconds");
        FakeWhisper.Received sent = TestInfra.whisper().received().getLast();
        assertThat(sent.fileName()).isEqualTo("input.mp3");
        assertThat(sent.fileBytes()).isEqualTo(CLIP.length);
        assertThat(sent.fields()).containsExactly(Map.entry("language", "en"), Map.entry("task", "transcribe"),
                Map.entry("beam_size", "5"));
    }

    @Test
    void aRequestedModelTheServiceDoesNotServeIsReportedHonestly() {
        SimJob job = awaitEnd(sim, sim.submit(new JsonObject().put("type", "transcribe")
                .put("input", media.url("/talk.mp3")).put("model", "large-v3")));

        JsonNode result = job.reports().get(0).body().path("result");
        assertThat(result.path("model").asText()).isEqualTo(FakeWhisper.MODEL);
        assertThat(result.path("model_requested").asText()).isEqualTo("large-v3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MODEL_HUGE                     | E_BADJOB: 'model' 'xxxxxxxxxxxxxxxxxxxx...' is not a model name",
            "../../etc/passwd               | E_BADJOB: 'model' '../../etc/passwd' is not a model name",
            "/root/checkpoint.pt            | E_BADJOB: 'model' '/root/checkpoint.pt' is not a model name" })
    void aModelThatIsNoModelNameIsRefusedBeforeAnyFetch(String model, String error) {
        int fetched = media.received().size();
        SimJob job = awaitEnd(sim, sim.submit(new JsonObject().put("type", "transcribe")
                .put("url", media.url("/talk.mp3")).put("model", model.replace("MODEL_HUGE", "x".repeat(100_000)))));

        assertThat(job.error()).isEqualTo(error + " (letters, digits, '.', '_', '-', one optional 'org/'; "
                + "at most 129 characters)");
        assertThat(job.reports()).hasSize(1);
        assertThat(media.received()).hasSize(fetched);
    }

    @Test
    void aUrlThatIsNoUrlFailsWithEFetchAndAMissingOneWithEBadjob() {
        SimJob noHost = awaitEnd(sim, sim.submit(new JsonObject().put("type", "transcribe").put("url", "x")));
        SimJob none = awaitEnd(sim, sim.submit(new JsonObject().put("type", "transcribe").put("model", "base")));

        assertThat(noHost.error()).isEqualTo("E_FETCH: only http and https URLs are fetched, not a relative or "
                + "bare path");
        assertThat(none.error()).isEqualTo("E_BADJOB: the payload needs 'url' (or 'input'): the media to fetch");
    }
}
