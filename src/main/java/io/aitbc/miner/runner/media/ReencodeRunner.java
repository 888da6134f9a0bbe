package io.aitbc.miner.runner.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;
import io.aitbc.miner.runner.process.ExitAttribution;
import io.aitbc.miner.runner.process.Refusal;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.workspace.Artifact;
import io.aitbc.miner.workspace.ArtifactCollector;
import io.aitbc.miner.workspace.ArtifactException;
import io.aitbc.miner.workspace.Workspace;

/**
 * Runs {@code reencode} jobs (D38): {@code {"type":"reencode","url":"https://…","output_format":"mp3"}} fetches the
 * media (D39) and re-encodes it with the node's ffmpeg on a CPU slot. The result keeps the production miner's keys
 * ({@code output} = ffmpeg's log tail, {@code output_format}, {@code output_size_bytes}, {@code stdout},
 * {@code stderr} tail) and adds {@code output_sha256} and the file itself as {@code output_base64} when it fits under
 * {@code MINER_ARTIFACT_INLINE_MAX} and the result cap; otherwise {@code output_inlined: false} and
 * {@code output_note} say plainly that it was not kept. {@code duration_ms} is ffmpeg's run, not the download.
 */
@ApplicationScoped
public class ReencodeRunner implements JobRunner {

    static final int LOG_TAIL_CHARS = 500;
    /** What the keys added after the inline budget is known take: sha256, the inline flag, the base64 key. */
    private static final int KEYS_BYTES = 160;

    private final Ffmpeg ffmpeg;
    private final MediaWork work;
    private final FfmpegRun runs;
    private final MediaResults results;
    private final Duration timeout;

    ReencodeRunner(Ffmpeg ffmpeg, MediaWork work, FfmpegRun runs, MediaResults results, ReencodeConfig config) {
        this.ffmpeg = ffmpeg;
        this.work = work;
        this.runs = runs;
        this.results = results;
        this.timeout = config.timeout();
    }

    @Override
    public JobType type() {
        return JobType.REENCODE;
    }

    @Override
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        Optional<String> missing = ffmpeg.problem();
        if (missing.isPresent()) {
            return RawOutcome.unmeasured(
                    JobOutcome.failure(ErrorCode.E_UNSUPPORTED, "reencode jobs need ffmpeg: " + missing.get()));
        }
        String url;
        OutputFormat format;
        try {
            url = MediaPayload.url(job.payload());
            format = MediaPayload.outputFormat(job.payload());
        } catch (IllegalArgumentException e) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_BADJOB, e.getMessage()));
        }
        return work.run(job, url, (workspace, media) -> reencode(job, workspace, format));
    }

    private RawOutcome reencode(Job job, Workspace workspace, OutputFormat format) throws InterruptedException {
        FfmpegRun.Encoded encoded;
        try {
            encoded = runs.run(job, workspace, format);
        } catch (IOException e) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_RUNNER, "cannot start ffmpeg: " + e.getMessage()));
        }
        Execution run = encoded.execution();
        Duration took = Duration.ofNanos(run.elapsedNanos());
        return RawOutcome.measured(outcome(workspace, format, encoded, took), took);
    }

    /** What ffmpeg's run came to; the result rules add the billing metrics of the measured run. */
    private JobOutcome outcome(Workspace workspace, OutputFormat format, FfmpegRun.Encoded encoded, Duration took) {
        Execution run = encoded.execution();
        Optional<Refusal> failed = ExitAttribution.of(run, timeout);
        if (failed.isPresent()) {
            return failed.get().outcome();
        }
        try {
            long size = Files.isRegularFile(encoded.output(), LinkOption.NOFOLLOW_LINKS) ? Files.size(encoded.output())
                    : 0;
            if (size == 0) {
                return new Refusal(ErrorCode.E_EXIT, "ffmpeg wrote no output: " + tail(run)).outcome();
            }
            if (size >= encoded.limit()) {
                return new Refusal(ErrorCode.E_RUNNER, "the output filled the workspace disk down to "
                        + "MINER_WORKSPACE_MIN_FREE").outcome();
            }
            return JobOutcome.success(result(workspace, format, run, took, size), JsonNodeFactory.instance.objectNode());
        } catch (IOException | ArtifactException e) {
            return new Refusal(ErrorCode.E_RUNNER, "cannot read ffmpeg's output: " + e.getMessage()).outcome();
        }
    }

    private ObjectNode result(Workspace workspace, OutputFormat format, Execution run, Duration took, long size)
            throws IOException, ArtifactException {
        ObjectNode result = results.completed(took);
        result.put("output", tail(run));
        result.put("output_format", format.extension());
        result.put("output_size_bytes", size);
        result.put("stdout", run.stdout().text());
        result.put("stderr", tail(run));
        long room = results.room(result) - KEYS_BYTES;
        Artifact output = ArtifactCollector.collect(workspace, results.inlineMax(), room).get(0);
        result.put("output_sha256", output.sha256());
        result.put("output_inlined", output.contentBase64().isPresent());
        output.contentBase64().ifPresentOrElse(base64 -> result.put("output_base64", base64),
                () -> result.put("output_note", notInlined(size)));
        return result;
    }

    private String notInlined(long size) {
        String why = size > results.inlineMax() ? size + " bytes is more than MINER_ARTIFACT_INLINE_MAX ("
                + results.inlineMax() + ")" : "it would take the result past MINER_RESULT_MAX_BYTES";
        return "the output was not inlined (" + why + ") and was discarded with the job's workspace; "
                + "output_sha256 and output_size_bytes describe it";
    }

    /** What ffmpeg logged last: at most {@value #LOG_TAIL_CHARS} characters, from the start of a line. */
    private static String tail(Execution run) {
        String text = run.stderr().text().strip();
        if (text.length() <= LOG_TAIL_CHARS) {
            return text;
        }
        String tail = text.substring(text.length() - LOG_TAIL_CHARS);
        int line = tail.indexOf('\n');
        return line >= 0 && line < tail.length() - 1 ? tail.substring(line + 1) : tail;
    }
}
