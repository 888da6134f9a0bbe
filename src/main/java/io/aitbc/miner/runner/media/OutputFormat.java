package io.aitbc.miner.runner.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The output formats a {@code reencode} job may ask for (D38), each with the ffmpeg muxer that writes it. Audio
 * formats drop any video stream. Nothing from the payload reaches ffmpeg's argv except through this list.
 */
enum OutputFormat {
    MP4("mp4", "mp4", false),
    WEBM("webm", "webm", false),
    MKV("mkv", "matroska", false),
    MOV("mov", "mov", false),
    MP3("mp3", "mp3", true),
    M4A("m4a", "ipod", true),
    AAC("aac", "adts", true),
    WAV("wav", "wav", true),
    FLAC("flac", "flac", true),
    OGG("ogg", "ogg", true),
    OPUS("opus", "opus", true);

    private final String extension;
    private final String muxer;
    private final boolean audioOnly;

    OutputFormat(String extension, String muxer, boolean audioOnly) {
        this.extension = extension;
        this.muxer = muxer;
        this.audioOnly = audioOnly;
    }

    /** The format a job names, exactly as listed (lower case), or empty. */
    static Optional<OutputFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(name)).findFirst();
    }

    /** The name jobs use, also the output file's extension. */
    String extension() {
        return extension;
    }

    /** ffmpeg's {@code -f} value. */
    String muxer() {
        return muxer;
    }

    /** Whether the output keeps only audio ({@code -vn}). */
    boolean audioOnly() {
        return audioOnly;
    }
}
