package io.aitbc.miner.job;

import com.fasterxml.jackson.databind.JsonNode;

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

    /**
     * The job type a payload asks for: its {@code type} field, or {@code inference} for {@code model} + {@code prompt}
     * without a type; {@link #UNKNOWN} for anything else (also for payloads that are not objects).
     */
    public static JobType of(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return UNKNOWN;
        }
        JsonNode type = payload.get("type");
        if (type == null) {
            return payload.has("model") && payload.has("prompt") ? INFERENCE : UNKNOWN;
        }
        return switch (type.isTextual() ? type.asText() : "") {
            case "inference" -> INFERENCE;
            case "cli" -> CLI;
            case "python" -> PYTHON;
            case "transcribe" -> TRANSCRIBE;
            case "reencode" -> REENCODE;
            default -> UNKNOWN;
        };
    }
}
