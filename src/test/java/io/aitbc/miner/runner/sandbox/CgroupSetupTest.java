package io.aitbc.miner.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CgroupSetup} and {@link JobCgroup} on a cgroup v2 tree made of plain files (what a systemd unit with
 * {@code Delegate=yes} sees); {@link CgroupV2SandboxTest} checks the same against the kernel in the VM tests.
 */
class CgroupSetupTest {

    private static final String UNIT = "system.slice/aitbc-miner.service";

    @TempDir
    Path root;

    @Test
    void theAgentMovesItsProcessesToAgentAndEnablesMemoryAndPids() throws IOException {
        Path unit = unit("cpu io memory pids");

        CgroupSetup setup = CgroupSetup.detect(procSelfCgroup("0::/" + UNIT), root);

        assertThat(setup).isEqualTo(new CgroupSetup(CgroupMode.V2, Optional.of(unit)));
        assertThat(unit.resolve("agent/cgroup.procs")).hasContent("4242");
        assertThat(unit.resolve("cgroup.subtree_control")).hasContent("+memory +pids");
    }

    @Test
    void withoutThePidsControllerMemoryIsStillEnabled() throws IOException {
        Path unit = unit("cpu memory");

        CgroupSetup setup = CgroupSetup.detect(procSelfCgroup("0::/" + UNIT), root);

        assertThat(setup.mode()).isEqualTo(CgroupMode.V2);
        assertThat(unit.resolve("cgroup.subtree_control")).hasContent("+memory");
    }

    @Test
    void anAgentAlreadyInAgentMakesJobCgroupsBesideIt() throws IOException {
        Path unit = unit("memory pids");
        Files.createDirectories(unit.resolve("agent"));

        CgroupSetup setup = CgroupSetup.detect(procSelfCgroup("0::/" + UNIT + "/agent"), root);

        assertThat(setup.parent()).contains(unit);
    }

    @Test
    void withoutTheMemoryControllerThereIsNoCgroupForJobs() throws IOException {
        unit("cpu pids");

        assertThat(CgroupSetup.detect(procSelfCgroup("0::/" + UNIT), root)).isEqualTo(CgroupSetup.NONE);
    }

    @Test
    void aJobCgroupGetsItsMemoryLimitWithoutSwapAndNoPidsLimitWhereThePidsControllerIsOff() throws IOException {
        Path unit = unit("memory");

        JobCgroup cgroup = JobCgroup.create(CgroupMode.V2, unit, "job-1", OptionalLong.of(128L << 20), 64);

        assertThat(cgroup.dir().getFileName().toString()).startsWith("aitbc-job-job-1-");
        assertThat(cgroup.dir().resolve("memory.max")).hasContent(Long.toString(128L << 20));
        assertThat(cgroup.dir().resolve("memory.swap.max")).hasContent("0");
        assertThat(cgroup.dir().resolve("pids.max")).doesNotExist();
    }

    private Path unit(String controllers) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc");
        Path unit = Files.createDirectories(root.resolve(UNIT));
        Files.writeString(unit.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(unit.resolve("cgroup.procs"), "4242\n");
        Files.writeString(unit.resolve("cgroup.subtree_control"), "");
        return unit;
    }

    private Path procSelfCgroup(String line) throws IOException {
        return Files.writeString(root.resolve("proc-self-cgroup"), line + "\n");
    }
}
