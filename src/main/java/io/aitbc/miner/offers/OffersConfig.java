package io.aitbc.miner.offers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Marketplace offers ({@code MINER_OFFERS*}, D43); off unless {@code MINER_OFFERS} lists some. Every entry, the
 * marketplace URL they need and the service URLs are checked at start-up.
 */
@ConfigMapping(prefix = "miner.offers")
public interface OffersConfig extends CheckedConfig {

    /**
     * {@code MINER_OFFERS}: the offers, comma-separated, each {@code <service> <model> <price> <unit>} with service
     * {@code ollama}, {@code whisper} or {@code ffmpeg} and unit {@code per_1k_tokens}, {@code per_audio_min},
     * {@code per_gb} or {@code per_processing_hour}; default none: off.
     */
    @WithParentName
    Optional<List<String>> list();

    /** {@code MINER_OFFERS_MARKETPLACE_URL}: the marketplace service's root (required with offers); default none. */
    Optional<String> marketplaceUrl();

    /** {@code MINER_OFFERS_INTERVAL}: how often services are probed and changed offers published; default 300s. */
    @WithDefault("300s")
    Duration interval();

    /** {@code MINER_OFFERS_PUBLIC_URL}: the shop's public root; offers get {@code <root>/<service>}; default none. */
    Optional<String> publicUrl();

    /** {@code MINER_OFFERS_PROVIDER_ADDRESS}: the wallet address paid for offers; default none, not sent. */
    Optional<String> providerAddress();

    /**
     * {@code MINER_OFFERS_WHISPER_URL}: the local Whisper service a {@code whisper} offer advertises; default
     * http://localhost:8110.
     */
    @WithDefault("http://localhost:8110")
    String whisperUrl();

    /**
     * {@code MINER_OFFERS_FFMPEG_URL}: the local ffmpeg service an {@code ffmpeg} offer advertises; default
     * http://localhost:8230.
     */
    @WithDefault("http://localhost:8230")
    String ffmpegUrl();

    /** {@code MINER_OFFERS_TIMEOUT}: limit of one marketplace or health call; default 5s. */
    @WithDefault("5s")
    Duration timeout();

    @Override
    default ConfigProblems problems() {
        ConfigProblems problems = new ConfigProblems().positive("miner.offers.interval", interval())
                .positive("miner.offers.timeout", timeout()).httpUrl("miner.offers.marketplace-url", marketplaceUrl())
                .httpUrl("miner.offers.whisper-url", Optional.of(whisperUrl()))
                .httpUrl("miner.offers.ffmpeg-url", Optional.of(ffmpegUrl()));
        List<String> entries = list().orElse(List.of());
        entries.forEach(entry -> OfferSpec.flaw(entry).ifPresent(why -> problems.require(false, "miner.offers", why)));
        boolean some = entries.stream().anyMatch(entry -> !entry.isBlank());
        return problems.require(!some || marketplaceUrl().filter(u -> !u.isBlank()).isPresent(),
                "miner.offers.marketplace-url", "required with MINER_OFFERS");
    }
}
