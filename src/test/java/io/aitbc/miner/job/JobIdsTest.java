package io.aitbc.miner.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void onlyOneToSixtyFourLettersDigitsUnderscoresAndDashesAreValid() {
        assertThat(JobIds.valid("0a1b2c3d4e5f60718293a4b5c6d7e8f9")).isTrue();
        assertThat(JobIds.valid("A_z-9")).isTrue();
        assertThat(JobIds.valid("x".repeat(64))).isTrue();

        assertThat(JobIds.valid(null)).isFalse();
        assertThat(JobIds.valid("")).isFalse();
        assertThat(JobIds.valid("x".repeat(65))).isFalse();
        for (String hostile : new String[] { "../etc", "a/b", "a.b", "a b", "job:1", "{x}", "é", "a\nb", "a\u0000" }) {
            assertThat(JobIds.valid(hostile)).as(hostile).isFalse();
        }
    }
}
