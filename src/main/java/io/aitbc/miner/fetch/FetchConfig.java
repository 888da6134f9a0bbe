package io.aitbc.miner.fetch;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the media of {@code transcribe} and {@code reencode} jobs is fetched ({@code MINER_MEDIA_*}, D39). */
@ConfigMapping(prefix = "miner.media")
public interface FetchConfig {

    /**
     * {@code MINER_MEDIA_ALLOW_PRIVATE}: fetch from loopback, private, link-local, CGNAT, multicast and unspecified
     * addresses too (cloud metadata addresses stay refused); default false.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** {@code MINER_MEDIA_MAX_BYTES}: largest media file fetched, by {@code Content-Length} and counted; default 2G. */
    @WithDefault("2G")
    MemorySize maxBytes();

    /** {@code MINER_MEDIA_CONNECT_TIMEOUT}: wait for the connection to the media server; default 10s. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** {@code MINER_MEDIA_IDLE_TIMEOUT}: longest silence of the media server, before its answer or mid-body; 30s. */
    @WithDefault("30s")
    Duration idleTimeout();

    /** {@code MINER_MEDIA_TOTAL_TIMEOUT}: the whole fetch, redirects included; default 10m. */
    @WithDefault("10m")
    Duration totalTimeout();
}
