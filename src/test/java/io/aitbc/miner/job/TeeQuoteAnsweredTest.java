package io.aitbc.miner.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TEE status labels stay bounded whatever free text the coordinator puts in {@code tee_status}. */
class TeeQuoteAnsweredTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "verified|verified", "not_required|not_required",
            "attestation_rejected|attestation_rejected", "error: boom at /x/y|error",
            "auto_generation_error: key missing|auto_generation_error", "no_receipt|no_receipt",
            "something new|other", "job-1234|other" })
    void theCoordinatorsWordsElseOther(String status, String label) {
        assertThat(TeeQuoteAnswered.label(status)).isEqualTo(label);
    }
}
