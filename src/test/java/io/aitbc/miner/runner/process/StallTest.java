package io.aitbc.miner.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.LaunchSpec;
import io.aitbc.miner.runner.sandbox.Sandbox;

/**
 * Progress-aware liveness (D44) with real python processes, with the node's facility (cgroup CPU time where there is
 * one) and with the fallback ({@code /proc} of the process group): a job that stops using CPU is killed as stalled
 * long before its timeout; one that keeps computing is not.
 */
class StallTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration STALL = Duration.ofMillis(800);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path workspace;

    private Execution run(boolean fallback, String script) throws Exception {
        LaunchSpec spec = new LaunchSpec("stall-test", PYTHON, List.of("-c", script),
                Map.of("PATH", "/usr/bin:/bin", "AITBC_JOB_ID", "stall-test"), workspace, new byte[0], TIMEOUT,
                OptionalLong.empty(), false);
        return Sandbox.detect(fallback, 64 * 1024, STALL).run(spec, pgid -> {
        });
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void aPythonJobThatStopsUsingCpuIsKilledAsStalled(boolean fallback) throws Exception {
        long start = System.nanoTime();
        Execution run = run(fallback, "import time\nt = time.time()\nwhile time.time() - t < 0.5: pass\ntime.sleep(60)");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(run.stalledAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(STALL));
        assertThat(took).as("long before its timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(ExitAttribution.of(run, TIMEOUT)).hasValueSatisfying(failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.E_TIMEOUT);
            assertThat(failure.outcome().body().get("error_message").asText())
                    .startsWith("E_TIMEOUT: stalled after ").contains("MINER_JOB_STALL_TIMEOUT");
        });
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void aJobThatKeepsComputingIsNotStalled(boolean fallback) throws Exception {
        Execution run = run(fallback, "import time\nt = time.time()\nwhile time.time() - t < 2.5: pass");

        assertThat(run.stalledAfter()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(ExitAttribution.of(run, TIMEOUT)).isEmpty();
    }
}
