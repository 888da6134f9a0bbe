package io.aitbc.miner.runner.media;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The ffmpeg of {@code reencode} jobs ({@code MINER_FFMPEG_PATH}, {@code MINER_REENCODE_*}, D38). */
@ConfigMapping(prefix = "miner")
public interface ReencodeConfig {

    /**
     * {@code MINER_FFMPEG_PATH}: the {@code ffmpeg} executable, a bare name looked up on {@code PATH} (then
     * {@code /usr/local/bin}, {@code /usr/bin}, {@code /bin}) or a path; default {@code ffmpeg}. Not found (or not
     * answering {@code -version}) means {@code reencode} jobs fail with {@code E_UNSUPPORTED}.
     */
    @WithName("ffmpeg.path")
    @WithDefault("ffmpeg")
    String ffmpegPath();

    /** {@code MINER_REENCODE_TIMEOUT}: wall-clock limit of one ffmpeg run (the download not included); default 300s. */
    @WithName("reencode.timeout")
    @WithDefault("300s")
    Duration timeout();

    /** {@code MINER_REENCODE_MEMORY}: memory limit of one ffmpeg run (cgroup, else address space); default 2G. */
    @WithName("reencode.memory")
    @WithDefault("2G")
    MemorySize memory();
}
