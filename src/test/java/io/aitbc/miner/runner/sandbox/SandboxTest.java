package io.aitbc.miner.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.InvalidConfigException;

/** The start-up check of {@code MINER_JOB_PIDS_MAX}. */
class SandboxTest {

    @Test
    void aNegativePidsLimitIsAConfigurationError() {
        assertThatThrownBy(() -> Sandbox.pidsMax(-1)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("MINER_JOB_PIDS_MAX: must be 0 (no limit) or more");
    }

    @Test
    void zeroMeansNoLimitAndAnyPositiveCountIsKept() {
        assertThat(Sandbox.pidsMax(0)).isZero();
        assertThat(Sandbox.pidsMax(1024)).isEqualTo(1024);
    }
}
