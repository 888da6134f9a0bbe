package io.aitbc.miner.runner.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.aitbc.miner.fetch.FetchedMedia;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.job.JobRunner;
import io.aitbc.miner.job.JobType;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.RawOutcome;

/**
 * Runs {@code transcribe} jobs (D38): {@code {"type":"transcribe","url":"https://…","model":"base","language":"en"}}
 * fetches the media (D39) and forwards it to the node's Whisper service on an inference slot (a GPU service shares
 * the GPU with Ollama). The result has the production miner's keys ({@code output} and {@code transcription}, both
 * the text, {@code model}) plus {@code language}, {@code duration_seconds} and {@code segments} where the service gives
 * them; {@code duration_ms} is the service's time, not the download.
 */
@ApplicationScoped
public class TranscribeRunner implements JobRunner {

    private static final String CUT_MARK = "\n…[cut by the agent: the transcript is longer than the result limit]";
    private static final int CUT_MARK_BYTES = 128;

    private final WhisperClient whisper;
    private final MediaWork work;
    private final MediaResults results;

    TranscribeRunner(WhisperClient whisper, MediaWork work, MediaResults results) {
        this.whisper = whisper;
        this.work = work;
        this.results = results;
    }

    @Override
    public JobType type() {
        return JobType.TRANSCRIBE;
    }

    @Override
    public RawOutcome run(Job job, Placement placement) throws InterruptedException {
        if (!whisper.configured()) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_UNSUPPORTED,
                    "transcribe jobs need a Whisper service (MINER_WHISPER_URL is not set)"));
        }
        JsonNode payload = job.payload();
        String url;
        WhisperRequest request;
        try {
            url = MediaPayload.url(payload);
            request = new WhisperRequest(MediaPayload.model(payload), MediaPayload.language(payload),
                    MediaPayload.prompt(payload));
        } catch (IllegalArgumentException e) {
            return RawOutcome.unmeasured(JobOutcome.failure(ErrorCode.E_BADJOB, e.getMessage()));
        }
        return work.run(job, url, (workspace, media) -> transcribe(media, MediaPayload.uploadName(url), request));
    }

    private RawOutcome transcribe(FetchedMedia media, String name, WhisperRequest request)
            throws InterruptedException {
        long started = System.nanoTime();
        WhisperAnswer answer;
        try {
            answer = whisper.transcribe(media.file(), name, request);
        } catch (WhisperException e) {
            return RawOutcome.unmeasured(JobOutcome.failure(e.code(), e.getMessage()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ObjectNode result = results.completed(took);
        result.put("model", answer.model());
        if (!answer.model().equals(request.model())) {
            result.put("model_requested", request.model());
        }
        answer.language().ifPresent(language -> result.put("language", language));
        answer.durationSeconds().ifPresent(seconds -> result.put("duration_seconds", seconds));
        String text = fitted(answer.text(), results.room(result) / 2);
        result.put("output", text);
        result.put("transcription", text);
        if (!text.equals(answer.text())) {
            result.put("truncated", true);
        }
        answer.segments().ifPresent(segments -> {
            if (segments.toString().length() <= results.room(result)) {
                result.set("segments", segments);
            } else {
                result.put("segments_omitted", "more than the result limit (MINER_RESULT_MAX_BYTES) allows");
            }
        });
        return RawOutcome.measured(JobOutcome.success(result, JsonNodeFactory.instance.objectNode()), took);
    }

    /** The text, cut so that its JSON form takes at most {@code room} bytes. */
    private static String fitted(String text, long room) {
        long size = TextNode.valueOf(text).toString().getBytes(StandardCharsets.UTF_8).length;
        if (size <= room) {
            return text;
        }
        int keep = (int) (text.length() * (double) Math.max(0, room - CUT_MARK_BYTES) / size);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + CUT_MARK;
    }
}
