package io.aitbc.miner.runner.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.job.JobType;

/**
 * Which media job types this node can run (D38), for the capability document's {@code supported_tasks} and for
 * readiness data: {@code reencode} when ffmpeg answered at start-up, {@code transcribe} when the Whisper service is
 * configured and answered its last probe. Jobs of a type not listed still arrive (dispatch ignores the list); without
 * ffmpeg or a Whisper URL they fail at once with {@code E_UNSUPPORTED}.
 */
@ApplicationScoped
public class MediaTasks {

    private final Ffmpeg ffmpeg;
    private final WhisperClient whisper;

    MediaTasks(Ffmpeg ffmpeg, WhisperClient whisper) {
        this.ffmpeg = ffmpeg;
        this.whisper = whisper;
    }

    /** The media types usable now; the Whisper service is probed again (it may have come up or gone away). */
    public List<JobType> available() {
        List<JobType> types = new ArrayList<>();
        if (ffmpeg.problem().isEmpty()) {
            types.add(JobType.REENCODE);
        }
        if (whisper.configured() && whisper.probe().isEmpty()) {
            types.add(JobType.TRANSCRIBE);
        }
        return types;
    }

    /** Each media type with what serves it, or why it is not available, as last found; never probes. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put(JobType.REENCODE.label(), ffmpeg.version().map(v -> "ffmpeg " + v)
                .orElseGet(() -> ffmpeg.problem().orElse("unavailable")));
        status.put(JobType.TRANSCRIBE.label(), whisper.lastProblem().orElse("Whisper service answering"));
        return status;
    }
}
