package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Runs one process through the trampoline and ends it: its output drained on virtual threads, the wall-clock limit
 * enforced on the whole process group (SIGTERM, up to {@value #GRACE_MS} ms for the group to go, SIGKILL; the cgroup
 * killed too), and whatever the job left in its group killed when its main process exits.
 */
final class ProcessRun {

    static final long GRACE_MS = 2000;
    private static final long DRAIN_WAIT_MS = 2000;

    private final SandboxFacilities facilities;
    private final Trampoline trampoline;
    private final ProcessGroups groups;
    private final int outputMax;
    private final int pidsMax;

    ProcessRun(SandboxFacilities facilities, Trampoline trampoline, ProcessGroups groups, int outputMax, int pidsMax) {
        this.facilities = facilities;
        this.trampoline = trampoline;
        this.groups = groups;
        this.outputMax = outputMax;
        this.pidsMax = pidsMax;
    }

    Execution run(LaunchSpec spec, LongConsumer onStart) throws IOException, InterruptedException {
        Optional<JobCgroup> cgroup = cgroup(spec);
        boolean byRlimit = cgroup.isEmpty() && spec.memoryBytes().isPresent();
        Optional<Long> addressSpace = byRlimit ? Optional.of(spec.memoryBytes().getAsLong()) : Optional.empty();
        List<String> argv = trampoline.argv(spec.executable(), spec.args(), addressSpace, cgroup.map(JobCgroup::dir),
                spec.isolateNetwork(), facilities.root());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(spec.workingDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            cgroup.ifPresent(JobCgroup::close);
            throw e;
        }
        try {
            onStart.accept(process.pid());
            return finish(spec, process, cgroup, byRlimit, started);
        } finally {
            stopGroup(process.pid(), cgroup);
            cgroup.ifPresent(JobCgroup::close);
        }
    }

    private Execution finish(LaunchSpec spec, Process process, Optional<JobCgroup> cgroup, boolean byRlimit,
            long started) throws InterruptedException {
        StreamCapture out = StreamCapture.head(outputMax);
        StreamCapture err = StreamCapture.tail(outputMax);
        Thread stdout = Thread.ofVirtual().start(() -> out.drain(process.getInputStream()));
        Thread stderr = Thread.ofVirtual().start(() -> err.drain(process.getErrorStream()));
        Thread.ofVirtual().start(() -> feed(process, spec.stdin()));
        boolean timedOut = !process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (timedOut) {
            terminate(process, cgroup);
        }
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - started;
        stopGroup(process.pid(), cgroup);
        stdout.join(Duration.ofMillis(DRAIN_WAIT_MS));
        stderr.join(Duration.ofMillis(DRAIN_WAIT_MS));
        boolean oom = cgroup.map(JobCgroup::oomKilled).orElse(false);
        return new Execution(exit, timedOut, oom, byRlimit, out.result(), err.result(), elapsed);
    }

    /** SIGTERM to the group, then SIGKILL once the group has had its grace. */
    private void terminate(Process process, Optional<JobCgroup> cgroup) throws InterruptedException {
        long pgid = process.pid();
        groups.signal(pgid, "TERM");
        cgroup.ifPresent(c -> c.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy)));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
        while (System.nanoTime() < deadline && !(ProcessGroups.members(pgid).isEmpty() && !process.isAlive())) {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        stopGroup(pgid, cgroup);
    }

    /** SIGKILL to whatever is left of the group and the cgroup. */
    private void stopGroup(long pgid, Optional<JobCgroup> cgroup) {
        if (!ProcessGroups.members(pgid).isEmpty()) {
            groups.signal(pgid, "KILL");
        }
        cgroup.ifPresent(JobCgroup::killAll);
    }

    private Optional<JobCgroup> cgroup(LaunchSpec spec) throws IOException {
        if (facilities.cgroup() == CgroupMode.NONE || facilities.cgroupParent().isEmpty()) {
            return Optional.empty();
        }
        Path parent = facilities.cgroupParent().get();
        return Optional.of(JobCgroup.create(facilities.cgroup(), parent, spec.jobId(), spec.memoryBytes(), pidsMax));
    }

    private static void feed(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the job closed its stdin or ended: what it did not read is not its input any more
        }
    }
}
