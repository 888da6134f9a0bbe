package io.aitbc.miner.runner.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Whisper service of {@code transcribe} jobs ({@code MINER_WHISPER_*}, D38). */
@ConfigMapping(prefix = "miner.whisper")
public interface WhisperConfig {

    /**
     * {@code MINER_WHISPER_URL}: the service's base URL (e.g. {@code http://127.0.0.1:8110}); default none, and then
     * {@code transcribe} jobs fail with {@code E_UNSUPPORTED}.
     */
    Optional<URI> url();

    /**
     * {@code MINER_WHISPER_API}: {@code aitbc} (the shop's aitbc-whisper service, {@code POST /transcribe}) or
     * {@code openai} ({@code POST /v1/audio/transcriptions}); default {@code aitbc}.
     */
    @WithDefault("aitbc")
    WhisperApi api();

    /** {@code MINER_WHISPER_CONNECT_TIMEOUT}: wait for the connection to the service; default 10s. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * {@code MINER_WHISPER_FIRST_BYTE_TIMEOUT}: wait from the request to the first byte of the answer (upload, model
     * load and the whole transcription: the services answer at the end); default 10m.
     */
    @WithDefault("10m")
    Duration firstByteTimeout();

    /** {@code MINER_WHISPER_IDLE_TIMEOUT}: longest pause once the answer has begun; default 2m. */
    @WithDefault("2m")
    Duration idleTimeout();
}
