package io.aitbc.miner.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aitbc.miner.config.InvalidConfigException;

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
        assertThatThrownBy(() -> OfferSpec.parse(List.of(entry))).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("MINER_OFFERS: '" + entry + "': ");
    }
}
