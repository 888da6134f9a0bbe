package io.aitbc.miner.job;

/** The kinds of work a payload asks for, with the word used on the wire and in metric labels. */
public enum JobType {
    INFERENCE("inference"),
    CLI("cli"),
    PYTHON("python"),
    /** Speech to text through the node's Whisper service (D38). */
    TRANSCRIBE("transcribe"),
    /** Media re-encoded by the node's ffmpeg (D38). */
    REENCODE("reencode"),
    /** Anything else: failed with {@link ErrorCode#E_UNSUPPORTED}. */
    UNKNOWN("unknown");

    private final String label;

    JobType(String label) {
        this.label = label;
    }

    /** The lowercase name used in payloads, metric labels and logs. */
    public String label() {
        return label;
    }
}
