package io.aitbc.miner.runner.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;

/** ffmpeg found and tried at start-up, its argv, and the media types a node without the tools refuses at once. */
class FfmpegTest {

    @Test
    void theNodesFfmpegAnswersThroughTheSandbox() {
        Ffmpeg ffmpeg = new Ffmpeg(config("ffmpeg"), Sandbox.detect(true, 64 * 1024));

        assertThat(ffmpeg.problem()).isEmpty();
        assertThat(ffmpeg.version().orElseThrow()).matches("[0-9n][0-9A-Za-z.:~+-]*");
        assertThat(ffmpeg.executable()).isPresent();
    }

    @Test
    void theInputIsReadOnlyByFileDemuxersOverFileAndPipe() {
        List<String> mp3 = Ffmpeg.arguments(OutputFormat.MP3, 1000);
        List<String> mp4 = Ffmpeg.arguments(OutputFormat.MP4, 1000);

        assertThat(mp3).containsSubsequence("-nostdin", "-protocol_whitelist", "file,pipe", "-format_whitelist",
                Ffmpeg.DEMUXERS, "-i", "input", "-vn", "-fs", "1000", "-f", "mp3", "-y", "out/output.mp3");
        assertThat(mp4).doesNotContain("-vn").endsWith("-f", "mp4", "-y", "out/output.mp4");
        assertThat(mp3.indexOf("-protocol_whitelist")).isLessThan(mp3.indexOf("-i"));
        assertThat(Ffmpeg.DEMUXERS.split(",")).doesNotContain("hls", "concat", "dash", "image2", "lavfi", "tee",
                "data", "ffmetadata", "sdp", "rtp", "rtsp");
    }

    @Test
    void withoutFfmpegOrAWhisperUrlTheirJobsAreUnsupportedAtOnce() throws Exception {
        Ffmpeg missing = new Ffmpeg(config("/nonexistent/ffmpeg"), Sandbox.detect(true, 1024));
        Vertx vertx = Vertx.vertx();
        try {
            WhisperClient unset = new WhisperClient(vertx, new TestWhisperConfig(Optional.empty(), WhisperApi.AITBC,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
            Job job = new Job("media-job", JsonNodeFactory.instance.objectNode(), null, Instant.now(), 1);

            JobOutcome reencode = new ReencodeRunner(missing, null, null, null, config("x"))
                    .run(job, Placement.of(SlotKind.CPU)).outcome();
            JobOutcome transcribe = new TranscribeRunner(unset, null, null)
                    .run(job, Placement.of(SlotKind.INFERENCE)).outcome();

            assertThat(missing.problem()).contains("ffmpeg not found: '/nonexistent/ffmpeg' (MINER_FFMPEG_PATH)");
            assertThat(reencode.errorCode()).isEqualTo(ErrorCode.E_UNSUPPORTED);
            assertThat(transcribe.errorCode()).isEqualTo(ErrorCode.E_UNSUPPORTED);
            assertThat(transcribe.body().path("error_message").asText()).contains("MINER_WHISPER_URL");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aBareNameIsLookedUpOnThePathThenInTheUsualFolders() {
        assertThat(Ffmpeg.locate("ffmpeg", "")).contains(Path.of("/usr/bin/ffmpeg"));
        assertThat(Ffmpeg.locate("ffmpeg", "/nonexistent")).contains(Path.of("/usr/bin/ffmpeg"));
        assertThat(Ffmpeg.locate("", "/usr/bin")).isEmpty();
    }

    private static ReencodeConfig config(String path) {
        return new ReencodeConfig() {
            @Override
            public String ffmpegPath() {
                return path;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public MemorySize memory() {
                return new MemorySize(BigInteger.valueOf(1L << 30));
            }
        };
    }
}
