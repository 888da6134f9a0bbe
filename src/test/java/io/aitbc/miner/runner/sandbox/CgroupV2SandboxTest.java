package io.aitbc.miner.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.process.ProcessGroups;

/**
 * The cgroup v2 facility for real (D15, D16): only where the agent's cgroup is cgroup v2 with {@code memory}
 * delegated, so on most development machines every test is skipped; the VM tests (src/test/vm) run it in a Debian
 * guest, as root and as a service user, inside a systemd unit with {@code Delegate=yes}.
 */
class CgroupV2SandboxTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final int PIDS_MAX = 32;
    /** Prints the job's own cgroup and its limits as JSON. */
    private static final String SHOW_LIMITS = """
            import json
            own = open('/proc/self/cgroup').read().strip().split('::')[1]
            d = '/sys/fs/cgroup' + own
            print(json.dumps({'cgroup': own, 'memory.max': open(d + '/memory.max').read().strip(),
                'memory.swap.max': open(d + '/memory.swap.max').read().strip(),
                'pids.max': open(d + '/pids.max').read().strip()}))
            """;
    /** Forks sleeping children until the kernel refuses, then prints how many it made. */
    private static final String FORK_BOMB = """
            import os, time
            made = 0
            try:
                while made < 1000:
                    if os.fork() == 0:
                        time.sleep(60)
                        os._exit(0)
                    made += 1
            except OSError:
                pass
            print(made, flush=True)
            """;
    /** Starts a sleeper in a session of its own (out of the job's process group), prints its pid and waits. */
    private static final String ESCAPE = """
            import subprocess, time
            p = subprocess.Popen(['/usr/bin/setsid', '/usr/bin/sleep', '300'])
            print(p.pid, flush=True)
            time.sleep(60)
            """;

    @TempDir
    Path workspace;

    private Sandbox sandbox;
    private Path parent;

    @BeforeEach
    void delegatedCgroupV2() {
        sandbox = new Sandbox(Tools.find(), false, 64 * 1024, PIDS_MAX, SandboxConfig.DEFAULT_STALL_TIMEOUT);
        assumeTrue(sandbox.facilities().cgroup() == CgroupMode.V2,
                "needs a delegated cgroup v2 (run by src/test/vm/run-guest-tests)");
        parent = sandbox.facilities().cgroupParent().orElseThrow();
    }

    @Test
    void theAgentMovedItselfToAgentAndEnabledMemoryAndPidsForItsJobs() throws IOException {
        String own = Files.readString(Path.of("/proc/self/cgroup")).strip().replaceFirst("^0::", "");

        assertThat(CGROUP_ROOT.resolve(own.substring(1))).isEqualTo(parent.resolve("agent"));
        assertThat(Files.readString(parent.resolve("cgroup.subtree_control")).split("\\s+")).contains("memory",
                "pids");
        assertThat(Files.readString(parent.resolve("cgroup.procs"))).as("no process left beside agent").isBlank();
    }

    @Test
    void aJobRunsInItsOwnCgroupWithItsMemoryLimitNoSwapAndThePidsLimitAndTheCgroupGoesAfterIt() throws Exception {
        Execution run = sandbox.run(spec(List.of("-c", SHOW_LIMITS), Duration.ofSeconds(30),
                OptionalLong.of(128L << 20)), pgid -> {
                });

        assertThat(run.exitCode()).as(run.stderr().text()).isZero();
        JsonNode limits = new ObjectMapper().readTree(run.stdout().text());
        Path cgroup = CGROUP_ROOT.resolve(limits.get("cgroup").asText().substring(1));
        assertThat(cgroup.getParent()).isEqualTo(parent);
        assertThat(cgroup.getFileName().toString()).startsWith(JobCgroup.PREFIX + "cgroup-v2-test-");
        assertThat(limits.get("memory.max").asText()).isEqualTo(Long.toString(128L << 20));
        assertThat(limits.get("memory.swap.max").asText()).isEqualTo("0");
        assertThat(limits.get("pids.max").asText()).isEqualTo(Integer.toString(PIDS_MAX));
        assertThat(cgroup).doesNotExist();
        assertThat(jobCgroups()).isEmpty();
    }

    @Test
    void aForkBombStopsAtThePidsLimit() throws Exception {
        Execution run = sandbox.run(spec(List.of("-c", FORK_BOMB), Duration.ofSeconds(60), OptionalLong.empty()),
                pgid -> {
                });

        assertThat(run.exitCode()).as(run.stderr().text()).isZero();
        assertThat(Integer.parseInt(run.stdout().text().strip())).isPositive().isLessThan(PIDS_MAX);
        assertThat(jobCgroups()).isEmpty();
    }

    @Test
    void onTimeoutTheCgroupKillsWhatLeftTheProcessGroupToo() throws Exception {
        Execution run = sandbox.run(spec(List.of("-c", ESCAPE), Duration.ofSeconds(3), OptionalLong.empty()),
                pgid -> {
                });

        assertThat(run.timedOut()).isTrue();
        long escaped = Long.parseLong(run.stdout().text().strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> !ProcessGroups.running(escaped));
        assertThat(jobCgroups()).isEmpty();
    }

    @Test
    void jobCgroupsThatACrashedAgentLeftAreRemovedWithTheirProcesses() throws Exception {
        Path left = Files.createDirectory(parent.resolve(JobCgroup.PREFIX + "crashed-0123456789abcdef"));
        Process sleeper = new ProcessBuilder("/usr/bin/sleep", "300").start();
        Files.writeString(left.resolve("cgroup.procs"), Long.toString(sleeper.pid()));
        assertThat(Files.readString(left.resolve("cgroup.procs")).strip()).isEqualTo(Long.toString(sleeper.pid()));

        JobCgroup.sweep(CgroupMode.V2, parent);

        assertThat(left).doesNotExist();
        assertThat(sleeper.waitFor()).isEqualTo(137);
    }

    private List<Path> jobCgroups() throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(p -> p.getFileName().toString().startsWith(JobCgroup.PREFIX)).toList();
        }
    }

    private LaunchSpec spec(List<String> args, Duration timeout, OptionalLong memory) {
        return new LaunchSpec("cgroup-v2-test", PYTHON, args, Map.of("PATH", "/usr/bin:/bin", "AITBC_JOB_ID",
                "cgroup-v2-test"), workspace, "".getBytes(StandardCharsets.UTF_8), timeout, memory, false);
    }
}
