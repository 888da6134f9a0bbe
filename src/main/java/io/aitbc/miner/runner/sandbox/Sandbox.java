package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.process.ProcessGroups;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The process sandbox's facade: the facilities found at start-up (D15) and the one way to run a job's process. Job
 * cgroups a previous process left are removed at start-up.
 */
@Startup
@ApplicationScoped
public class Sandbox {

    private final SandboxFacilities facilities;
    private final ProcessRun runs;
    private final ProcessGroups groups;

    @Inject
    public Sandbox(SandboxConfig config) {
        this(Tools.find(), config.forceFallback(), (int) config.outputMaxBytes().asLongValue(), config.jobPidsMax(),
                config.jobStallTimeout());
        facilities.cgroupParent().ifPresent(parent -> JobCgroup.sweep(facilities.cgroup(), parent));
        Log.infof("Sandbox facilities: %s%s", facilities.toJson(),
                facilities.processGroups() ? "" : " (setsid/nice/ionice/kill missing: cli and python jobs disabled)");
    }

    Sandbox(Tools tools, boolean forceFallback, int outputMax, int pidsMax, Duration stallTimeout) {
        this.facilities = SandboxDetector.detect(tools, forceFallback);
        this.groups = new ProcessGroups(tools.kill());
        this.runs = new ProcessRun(facilities, new Trampoline(tools), groups, outputMax, pidsMax, stallTimeout);
    }

    /** A sandbox on this node's tools, for tests that run processes without the application. */
    public static Sandbox detect(boolean forceFallback, int outputMax) {
        return detect(forceFallback, outputMax, SandboxConfig.DEFAULT_STALL_TIMEOUT);
    }

    /** The same, killing a process that uses no CPU time for {@code stallTimeout} (D44). */
    public static Sandbox detect(boolean forceFallback, int outputMax, Duration stallTimeout) {
        return new Sandbox(Tools.find(), forceFallback, outputMax, Integer.parseInt(SandboxConfig.DEFAULT_JOB_PIDS_MAX),
                stallTimeout);
    }

    /** What this node offers to contain jobs. */
    public SandboxFacilities facilities() {
        return facilities;
    }

    /**
     * Runs one process to its end under the spec's limits.
     *
     * @param onStart told the pid (= process group id) as soon as the process exists, to be journaled for crash
     *        recovery
     * @throws IOException when the process cannot be started
     * @throws InterruptedException when the job is stopped; its whole group is killed first
     */
    public Execution run(LaunchSpec spec, LongConsumer onStart) throws IOException, InterruptedException {
        return runs.run(spec, onStart);
    }

    /** SIGKILL to a process group a stopped agent left, after checking every member belongs to {@code jobId}. */
    public int killOrphanGroup(long pgid, String jobId) {
        String marker = "AITBC_JOB_ID=" + jobId;
        var members = ProcessGroups.members(pgid).stream().filter(pid -> ProcessGroups.environmentHas(pid, marker))
                .toList();
        if (!members.isEmpty()) {
            groups.signal(pgid, "KILL");
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        return members.size();
    }
}
