package io.aitbc.miner.gpuhealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Recorded health-query and compute-apps outputs, and what they say of a GPU. */
class SmiOutputTest {

    private static GpuSignals large(String fixture) {
        return SmiOutput.signals(Fixtures.smi(fixture)).stream().filter(s -> s.uuid().equals(Fixtures.LARGE))
                .findFirst().orElseThrow();
    }

    @Test
    void aHealthyGpuHasNoReasons() {
        List<GpuSignals> gpus = SmiOutput.signals(Fixtures.smi("health-two-gpus.csv"));

        assertThat(gpus).extracting(GpuSignals::busId).containsExactly("0000:01:00", "0000:41:00");
        assertThat(gpus.get(1).memoryUsedMb()).isEqualTo(420);
        assertThat(gpus.get(1).eccAggregate()).isEqualTo(2);
        assertThat(gpus.get(1).recoveryAction()).contains("None");
        assertThat(gpus).allSatisfy(g -> {
            assertThat(g.quarantineReasons(Optional.of(g))).isEmpty();
            assertThat(g.suspectReasons()).isEmpty();
        });
    }

    @Test
    void risingVolatileEccQuarantines() {
        GpuSignals before = large("health-two-gpus.csv");

        assertThat(large("health-ecc-rising.csv").quarantineReasons(Optional.of(before)))
                .containsExactly("uncorrected ECC errors rose from 0 to 3");
        assertThat(large("health-ecc-rising.csv").quarantineReasons(Optional.of(large("health-ecc-rising.csv"))))
                .as("a count that stays is old news").isEmpty();
    }

    @Test
    void aPendingRemapAndARecoveryActionQuarantine() {
        assertThat(large("health-remap-pending.csv").quarantineReasons(Optional.empty()))
                .containsExactly("row remapping pending (needs a GPU reset)");
        assertThat(large("health-recovery-action.csv").quarantineReasons(Optional.empty()))
                .containsExactly("gpu_recovery_action is Reset");
    }

    @Test
    void aThermalSlowdownMakesSuspect() {
        GpuSignals small = SmiOutput.signals(Fixtures.smi("health-recovery-action.csv")).getFirst();

        assertThat(small.suspectReasons()).containsExactly("thermal slowdown active");
    }

    @Test
    void anOldDriverWithoutTheNewFieldsStillParses() {
        assertThat(SmiOutput.signals(Fixtures.smi("health-old-driver.csv"))).singleElement().satisfies(g -> {
            assertThat(g.eccVolatile()).isEqualTo(-1);
            assertThat(g.remapPending()).isEmpty();
            assertThat(g.recoveryAction()).isEmpty();
        });
    }

    @Test
    void computeAppsAreRead() {
        assertThat(SmiOutput.apps(Fixtures.smi("apps-ollama.csv")))
                .containsExactly(new ComputeApp(4411, Fixtures.LARGE, 5120, "/usr/bin/ollama_llama_server"));
        assertThat(SmiOutput.apps("")).isEmpty();
    }
}
