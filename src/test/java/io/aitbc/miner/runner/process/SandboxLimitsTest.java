package io.aitbc.miner.runner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.process.ProcessGroups;
import io.aitbc.miner.runner.sandbox.CgroupMode;
import io.aitbc.miner.runner.sandbox.Execution;
import io.aitbc.miner.runner.sandbox.LaunchSpec;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.testing.SandboxFixtures;

/**
 * Each limit with real processes, once with the node's facility (cgroup, network namespace) and once with
 * {@code MINER_SANDBOX_FORCE_FALLBACK} (prlimit only), as D15 asks.
 */
class SandboxLimitsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void aJobPastItsTimeoutAndItsGrandchildGetSigtermWithinOneSecondAndAreGoneWithinThree(boolean fallback)
            throws Exception {
        Path marker = workspace.resolve("grandchild");
        Duration timeout = Duration.ofSeconds(1);
        long started = System.currentTimeMillis();

        Execution run = sandbox(fallback).run(module("aitbc_test.spawn_and_sleep",
                "{\"marker\":\"" + marker + "\"}", timeout, OptionalLong.empty()), pgid -> {
                });

        long ended = System.currentTimeMillis();
        long limitAt = started + timeout.toMillis();
        assertThat(run.timedOut()).isTrue();
        assertThat(attribution(run, timeout)).isEqualTo(ErrorCode.E_TIMEOUT);
        double termAt = Double.parseDouble(Files.readString(marker.resolveSibling("grandchild.term"))) * 1000;
        assertThat((long) termAt).as("grandchild's SIGTERM").isLessThanOrEqualTo(limitAt + 1000);
        long grandchild = Long.parseLong(Files.readString(marker.resolveSibling("grandchild.pid")));
        assertThat(ended).as("run returned").isLessThanOrEqualTo(limitAt + 3000);
        await().atMost(Duration.ofMillis(Math.max(1, limitAt + 3000 - System.currentTimeMillis())))
                .until(() -> !ProcessGroups.running(grandchild));
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void aJobAllocatingPastItsMemoryLimitEndsEOom(boolean fallback) throws Exception {
        Sandbox sandbox = sandbox(fallback);
        Duration timeout = Duration.ofSeconds(20);

        Execution run = sandbox.run(module("aitbc_test.hog", "{\"mb\":512}", timeout,
                OptionalLong.of(128L << 20)), pgid -> {
                });

        assertThat(attribution(run, timeout)).isEqualTo(ErrorCode.E_OOM);
        Refusal refusal = ExitAttribution.of(run, timeout).orElseThrow();
        if (sandbox.facilities().cgroup() == CgroupMode.NONE) {
            assertThat(refusal.message()).startsWith("(suspected)");
        } else {
            assertThat(run.oomKilled()).isTrue();
            assertThat(refusal.message()).doesNotContain("suspected");
        }
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void withANetworkNamespaceTheJobCannotReachTheHost(boolean fallback) throws Exception {
        Sandbox sandbox = sandbox(fallback);
        try (ServerSocket server = new ServerSocket(0)) {
            String connect = "import socket; socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "), timeout=2); print('connected')";
            Execution run = sandbox.run(spec(PYTHON, List.of("-c", connect), Map.of(), "", Duration.ofSeconds(10),
                    OptionalLong.empty(), sandbox.facilities().netns()), pgid -> {
                    });
            if (sandbox.facilities().netns()) {
                assertThat(run.exitCode()).isNotZero();
                assertThat(run.stderr().text()).containsAnyOf("unreachable", "refused");
            } else {
                assertThat(fallback).as("only the fallback lacks a network namespace here").isTrue();
                assertThat(run.stdout().text()).contains("connected");
            }
        }
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void jobsRunNicedAndIdleForIo(boolean fallback) throws Exception {
        Sandbox sandbox = sandbox(fallback);
        Execution nice = sandbox.run(spec(Path.of("/usr/bin/nice"), List.of(), Map.of(), "", Duration.ofSeconds(5),
                OptionalLong.empty(), false), pgid -> {
                });
        Execution ionice = sandbox.run(spec(Path.of("/usr/bin/ionice"), List.of(), Map.of(), "",
                Duration.ofSeconds(5), OptionalLong.empty(), false), pgid -> {
                });
        assertThat(nice.stdout().text().strip()).isEqualTo("10");
        assertThat(ionice.stdout().text().strip()).isEqualTo("idle");
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = { false, true })
    void outputIsCutStdoutKeepingItsHeadAndStderrItsTail(boolean fallback) throws Exception {
        String script = "import sys; sys.stdout.write('H' + 'x' * 5000 + 'T'); sys.stderr.write('h' + 'y' * 5000 + 't')";
        Execution run = Sandbox.detect(fallback, 1000).run(spec(PYTHON, List.of("-c", script), Map.of(), "",
                Duration.ofSeconds(5), OptionalLong.empty(), false), pgid -> {
                });
        assertThat(run.stdout().cut()).isTrue();
        assertThat(run.stdout().text()).startsWith("Hxxx").endsWith("[cut: 4002 more bytes]");
        assertThat(run.stderr().text()).startsWith("[cut: 4002 earlier bytes]").endsWith("yyyt");
        assertThat(run.stdout().totalBytes()).isEqualTo(5002);
    }

    private static Sandbox sandbox(boolean fallback) {
        return Sandbox.detect(fallback, 64 * 1024);
    }

    private static ErrorCode attribution(Execution run, Duration timeout) {
        return ExitAttribution.of(run, timeout).map(Refusal::code).orElse(null);
    }

    private LaunchSpec module(String module, String stdin, Duration timeout, OptionalLong memory) {
        return spec(PYTHON, List.of("-P", "-s", "-m", module),
                Map.of("PYTHONPATH", SandboxFixtures.PYTHON_TASKS.toString()), stdin, timeout, memory, false);
    }

    private LaunchSpec spec(Path exe, List<String> args, Map<String, String> extra, String stdin, Duration timeout,
            OptionalLong memory, boolean isolate) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PATH", "/usr/bin:/bin");
        env.put("AITBC_JOB_ID", "limits-test");
        return new LaunchSpec("limits-test", exe, args, env, workspace, stdin.getBytes(StandardCharsets.UTF_8), timeout,
                memory, isolate);
    }

}
