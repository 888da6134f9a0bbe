package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import io.aitbc.miner.process.Command;
import io.aitbc.miner.process.Exec;
import io.aitbc.miner.process.Exited;
import io.aitbc.miner.process.ProcessGroups;
import io.aitbc.miner.process.Stopper;

/**
 * Runs one job's process through the trampoline with the agent's process helper ({@link Exec}), its output read with
 * the job's secrets {@linkplain Redaction redacted}: the wall-clock limit
 * is enforced on the whole process group and the job's cgroup (SIGTERM, up to {@link Exec#GRACE} for both to empty,
 * SIGKILL), and whatever the job left in either is killed when its main process exits. A process that uses no CPU
 * time for the stall timeout is killed as hung ({@link ProgressWatch}, D44).
 */
final class ProcessRun {

    private final SandboxFacilities facilities;
    private final Trampoline trampoline;
    private final ProcessGroups groups;
    private final int outputMax;
    private final int pidsMax;
    private final Duration stallTimeout;

    ProcessRun(SandboxFacilities facilities, Trampoline trampoline, ProcessGroups groups, int outputMax, int pidsMax,
            Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
        this.facilities = facilities;
        this.trampoline = trampoline;
        this.groups = groups;
        this.outputMax = outputMax;
        this.pidsMax = pidsMax;
    }

    Execution run(LaunchSpec spec, LongConsumer onStart) throws IOException, InterruptedException {
        Optional<JobCgroup> cgroup = cgroup(spec);
        try {
            boolean byRlimit = cgroup.isEmpty() && spec.memoryBytes().isPresent();
            Optional<Long> addressSpace = byRlimit ? Optional.of(spec.memoryBytes().getAsLong()) : Optional.empty();
            List<String> argv = trampoline.argv(spec.executable(), spec.args(), addressSpace,
                    cgroup.map(JobCgroup::dir), spec.isolateNetwork(), facilities.root());
            Command command = Command.of(argv, spec.timeout()).withEnvironment(spec.environment())
                    .withDirectory(spec.workingDir()).withStdin(spec.stdin()).withOutputMax(outputMax)
                    .withOutputFilter(Redaction.ofSecretsIn(spec.environment().get(JobSecrets.DIR_VARIABLE))::filter);
            Stopper stopper = cgroup.<Stopper> map(c -> groups.stopper().and(c)).orElseGet(groups::stopper);
            ProgressWatch watch = new ProgressWatch(stallTimeout, groups, cgroup);
            Exited exited;
            try {
                exited = Exec.run(command, stopper, pid -> {
                    onStart.accept(pid);
                    watch.start(pid);
                });
            } finally {
                watch.stop();
            }
            boolean oom = cgroup.map(JobCgroup::oomKilled).orElse(false);
            return new Execution(exited.exitCode(), exited.timedOut(), oom, byRlimit, exited.stdout(),
                    exited.stderr(), exited.elapsedNanos(), watch.stalledAfter());
        } finally {
            cgroup.ifPresent(JobCgroup::close);
        }
    }

    private Optional<JobCgroup> cgroup(LaunchSpec spec) throws IOException {
        if (facilities.cgroup() == CgroupMode.NONE || facilities.cgroupParent().isEmpty()) {
            return Optional.empty();
        }
        Path parent = facilities.cgroupParent().get();
        return Optional.of(JobCgroup.create(facilities.cgroup(), parent, spec.jobId(), spec.memoryBytes(), pidsMax));
    }
}
