package io.aitbc.miner.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code MINER_OFFERS} entries, checked as the production miner's CLI checks its arguments. */
class OfferSpecTest {

    @Test
    void theProductionMinersThreeDefaults() {
        assertThat(OfferSpec.parse(List.of("whisper base 0.02 per_audio_min",
                " ffmpeg h264-transcode 0.005 per_processing_hour", "ollama llama3.2:3b 0.001 per_1k_tokens")))
                .containsExactly(new OfferSpec("whisper", "base", new BigDecimal("0.02"), "per_audio_min"),
                        new OfferSpec("ffmpeg", "h264-transcode", new BigDecimal("0.005"), "per_processing_hour"),
                        new OfferSpec("ollama", "llama3.2:3b", new BigDecimal("0.001"), "per_1k_tokens"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ollama llama3.2:3b 0.001", "peertube_pruner x 1 per_gb", "ollama m -1 per_gb",
            "ollama m ten per_gb", "ollama m 1 per_token", "ollama ../../etc 1 per_gb" })
    void aBadEntryStopsStartUpNamingIt(String entry) {
        assertThat(config(List.of("whisper base 0.02 per_audio_min", entry), "https://hub.example").problems().list())
                .singleElement().asString().startsWith("miner.offers: '" + entry + "': ");
    }

    @Test
    void offersNeedAWellFormedMarketplaceUrl() {
        List<String> offers = List.of("whisper base 0.02 per_audio_min");

        assertThat(config(offers, null).problems().list())
                .containsExactly("miner.offers.marketplace-url: required with MINER_OFFERS");
        assertThat(config(offers, "ftp://hub.example").problems().list())
                .containsExactly("miner.offers.marketplace-url: must be an http(s) URL with a host");
        assertThat(config(List.of(), null).problems().list()).isEmpty();
        assertThat(config(offers, "https://hub.example").problems().list()).isEmpty();
    }

    private static OffersConfig config(List<String> offers, String marketplace) {
        return new OffersConfig() {
            @Override
            public Optional<List<String>> list() {
                return Optional.of(offers);
            }

            @Override
            public Optional<String> marketplaceUrl() {
                return Optional.ofNullable(marketplace);
            }

            @Override
            public Duration interval() {
                return Duration.ofSeconds(300);
            }

            @Override
            public Optional<String> publicUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> providerAddress() {
                return Optional.empty();
            }

            @Override
            public String whisperUrl() {
                return "http://localhost:8110";
            }

            @Override
            public String ffmpegUrl() {
                return "http://localhost:8230";
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
