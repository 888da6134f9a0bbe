package io.aitbc.miner.pipeline;

import static io.aitbc.miner.pipeline.SandboxJobs.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.sim.CoordinatorSimulator;
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
 * {@code reencode} jobs through the whole agent with Debian's ffmpeg: a generated clip fetched from a test server and
 * re-encoded, checked with ffprobe; hostile inputs ending in their code with one report and nothing else done.
 */
@QuarkusTest
@WithTestResource(value = TestInfra.class, scope = TestResourceScope.GLOBAL)
class ReencodePipelineTest {

    private static final byte[] CLIP = MediaClips.clip(2);
    private static final byte[] LONG_CLIP = MediaClips.clip(6);
    private static MediaServer media;

    private final CoordinatorSimulator sim = TestInfra.simulator();

    @BeforeAll
    static void serve() throws Exception {
        Path local = Files.writeString(Files.createTempFile("aitbc-local-", ".txt"), "local file, never to be read");
        local.toFile().deleteOnExit();
        media = MediaServer.start().file("/clip.mp4", CLIP).file("/long.mp4", LONG_CLIP)
                .slow("/slow.mp4", CLIP, Duration.ofSeconds(2))
                .flaky("/flaky.mp4", 1, CLIP).status("/gone.mp4", 404).file("/segment.ts", CLIP);
        media.file("/local.m3u8", ("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://" + local
                + "\n#EXTINF:10,\n" + media.url("/segment.ts") + "\n#EXT-X-ENDLIST\n").getBytes(StandardCharsets.UTF_8))
                .file("/concat.txt", ("ffconcat version 1.0\nfile 'file:" + local + "'\nfile '"
                        + media.url("/segment.ts") + "'\n").getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        media.close();
    }

    @ParameterizedTest
    @CsvSource({ "mp3, mp3, audio", "webm, matroska, audio;video", "wav, wav, audio" })
    void aClipIsReencodedAndInlinedWithItsHashAndSize(String format, String probedFormat, String streams)
            throws Exception {
        JsonNode body = completed(reencode(media.url("/clip.mp4?sig=abc"), format));
        JsonNode result = body.path("result");

        byte[] output = Base64.getDecoder().decode(result.path("output_base64").asText());
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("output_format").asText()).isEqualTo(format);
        assertThat(result.path("output_inlined").asBoolean()).isTrue();
        assertThat(result.path("output_size_bytes").asLong()).isEqualTo(output.length).isPositive();
        assertThat(result.path("output_sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(output)));
        assertThat(result.path("output").asText()).hasSizeLessThanOrEqualTo(500).isEqualTo(result.path("stderr")
                .asText());
        assertThat(result.has("output_path")).isFalse();
        MediaClips.Probed probed = MediaClips.probe(output);
        assertThat(probed.formatName()).contains(probedFormat);
        assertThat(probed.durationSeconds()).isBetween(1.8, 2.3);
        assertThat(String.join(";", probed.streams().stream().sorted().toList())).isEqualTo(streams);
        assertThat(body.at("/metrics/unit_type").asText()).isEqualTo("cpu_seconds");
    }

    @Test
    void anOutputOverTheInlineLimitIsDescribedAndSaidToBeDiscarded() throws Exception {
        byte[] wav = MediaClips.reencode(LONG_CLIP, "-vn", "-f", "wav");

        JsonNode result = completed(reencode(media.url("/long.mp4"), "wav")).path("result");

        assertThat(wav.length).as("a WAV over MINER_ARTIFACT_INLINE_MAX (64K)").isGreaterThan(64 * 1024);
        assertThat(result.path("output_inlined").asBoolean()).isFalse();
        assertThat(result.has("output_base64")).isFalse();
        assertThat(result.path("output_note").asText()).contains("MINER_ARTIFACT_INLINE_MAX", "discarded");
        assertThat(result.path("output_size_bytes").asLong()).isEqualTo(wav.length);
        assertThat(result.path("output_sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(wav)));
    }

    @Test
    void aSlowDownloadIsNotBilled() {
        SimJob job = awaitEnd(sim, sim.submit(reencode(media.url("/slow.mp4"), "mp3")));

        assertThat(job.state()).as("ended with %s", job.error()).isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
        long heldMs = Duration.between(job.assignedAt(), job.reports().get(0).at()).toMillis();
        long billedMs = job.reports().get(0).body().at("/metrics/duration_ms").asLong();
        assertThat(billedMs).as("held %d ms, download 2000 ms", heldMs).isPositive().isLessThanOrEqualTo(heldMs - 2000);
        assertThat(job.reports().get(0).body().at("/result/execution_time").asDouble() * 1000)
                .isLessThanOrEqualTo(billedMs + 1);
    }

    @Test
    void aServerErrorIsRetriedAndTheJobReportedOnce() {
        JsonNode body = completed(reencode(media.url("/flaky.mp4"), "mp3"));

        assertThat(body.at("/result/output_size_bytes").asLong()).isPositive();
        assertThat(media.received()).filteredOn(r -> r.uri().equals("/flaky.mp4")).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd             | mp3   | E_FETCH: only http and https URLs are fetched, not 'file:'",
            "ftp://example.com/clip.mp4     | mp3   | E_FETCH: only http and https URLs are fetched, not 'ftp:'",
            "MEDIA/gone.mp4?token=s3cret    | mp3   | E_FETCH: HTTP 404 from http://127.0.0.1:",
            "MEDIA/clip.mp4                 | ../x  | E_BADJOB: 'output_format' '../x' is not one of mp4, webm",
            "MEDIA/clip.mp4                 | mp4 -y| E_BADJOB: 'output_format' 'mp4 -y' is not one of",
            "MEDIA/clip.mp4                 | MP3   | E_BADJOB: 'output_format' 'MP3' is not one of" })
    void hostileInputsEndInTheirCodeAtOnce(String url, String format, String error) {
        SimJob job = awaitEnd(sim, sim.submit(reencode(url.replace("MEDIA", media.url("")), format)));

        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith(error).doesNotContain("s3cret");
        assertThat(job.reports()).hasSize(1);
        assertThat(workspaceOf(job)).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({ "/local.m3u8", "/concat.txt" })
    void aPlaylistInsideTheMediaIsNeverFollowed(String path) {
        SimJob job = awaitEnd(sim, sim.submit(reencode(media.url(path), "mp3")));

        assertThat(job.state()).isEqualTo(SimJobState.FAILED);
        assertThat(job.error()).startsWith("E_EXIT: exit code ");
        assertThat(job.reports()).hasSize(1);
        assertThat(media.received()).noneMatch(r -> r.uri().equals("/segment.ts"));
    }

    @Test
    void theInputAndFormatAliasesOfTheProductionMinerWork() {
        JsonObject payload = new JsonObject().put("type", "reencode").put("input", media.url("/clip.mp4"))
                .put("format", "wav").put("prompt", "ignored");

        assertThat(completed(payload).at("/result/output_format").asText()).isEqualTo("wav");
    }

    private JsonNode completed(JsonObject payload) {
        SimJob job = awaitEnd(sim, sim.submit(payload));
        assertThat(job.state()).as("job ended with %s", job.error()).isEqualTo(SimJobState.COMPLETED);
        assertThat(job.reports()).hasSize(1);
        return job.reports().get(0).body();
    }

    private static JsonObject reencode(String url, String format) {
        return new JsonObject().put("type", "reencode").put("url", url).put("output_format", format);
    }

    private static Path workspaceOf(SimJob job) {
        return Path.of(ConfigProvider.getConfig().getValue("miner.workspace.dir", String.class), job.id());
    }
}
